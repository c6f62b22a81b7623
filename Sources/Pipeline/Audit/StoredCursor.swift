/// Walks one symbol's stored rows in `seq` order, a page at a time.
struct StoredCursor {
    let symbol: String
    private let pageSize: Int
    private var page: [StoredRow] = []
    private var index = 0
    private var exhausted = false

    init(symbol: String, pageSize: Int) {
        self.symbol = symbol
        self.pageSize = pageSize
    }

    /// The next row without taking it; `nil` when every stored row of the symbol has been taken.
    mutating func peek(in stored: StoredEventReader) throws(SinkError) -> StoredRow? {
        if index == page.count {
            guard !exhausted else { return nil }
            let after = page.last?.seq ?? 0
            page = try stored.storedRows(of: symbol, afterSeq: after, limit: pageSize)
            index = 0
            exhausted = page.count < pageSize
            guard !page.isEmpty else {
                exhausted = true
                return nil
            }
        }
        return page[index]
    }

    /// Takes the row ``peek(in:)`` returned.
    mutating func advance() {
        index += 1
    }

    /// Takes every stored row of `seq` (more than one when the sink holds copies not merged yet), and hands the
    /// rows before it, which the capture does not have at this symbol, to `unexpected`.
    mutating func take(
        seq: Int64,
        from stored: StoredEventReader,
        unexpected: (StoredRow) -> Void
    ) throws(SinkError) -> [StoredRow] {
        var copies: [StoredRow] = []
        while let row = try peek(in: stored), row.seq <= seq {
            advance()
            if row.seq == seq { copies.append(row) } else { unexpected(row) }
        }
        return copies
    }
}
