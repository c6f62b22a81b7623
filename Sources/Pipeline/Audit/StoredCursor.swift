/// Walks one symbol's stored rows in `seq` order, a page at a time.
struct StoredCursor {
    let symbol: String
    private let pageSize: Int
    private var page: [StoredRow] = []
    private var index = 0
    private var exhausted = false
    private var nextAfter: Int64 = 0

    init(symbol: String, pageSize: Int) {
        self.symbol = symbol
        self.pageSize = pageSize
    }

    /// The next row without taking it; `nil` when every stored row of the symbol has been taken.
    mutating func peek(in stored: StoredEventReader) throws(SinkError) -> StoredRow? {
        if index == page.count {
            guard !exhausted else { return nil }
            page = try stored.storedRows(of: symbol, afterSeq: nextAfter, limit: pageSize)
            index = 0
            exhausted = page.count < pageSize
            guard !page.isEmpty else {
                exhausted = true
                return nil
            }
            // A full page may end partway through the copies of its last seq: leave that seq to the next page,
            // unless the page holds nothing else.
            if !exhausted, let last = page.last?.seq, page.first?.seq != last {
                page.removeAll { $0.seq == last }
            }
            nextAfter = page.last?.seq ?? nextAfter
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
