import MarketData

/// Journal rows copied out so the drain thread can send them without holding the source's lock: one byte buffer and
/// one entry per row, both reused from batch to batch, so a warm drain allocates nothing.
struct SpillBatch {
    struct Entry {
        var seq: Int64
        var port: FeedPort
        var receivedNs: Int64
        var symbol: Range<Int>?
        var line: Range<Int>
    }

    private(set) var entries: [Entry] = []
    private var bytes: [UInt8] = []

    var isEmpty: Bool { entries.isEmpty }

    mutating func removeAll() {
        entries.removeAll(keepingCapacity: true)
        bytes.removeAll(keepingCapacity: true)
    }

    mutating func append(_ record: SpillJournal.Record) {
        let symbol = record.symbol.map { copy($0) }
        let line = copy(record.line)
        entries.append(
            Entry(seq: record.seq, port: record.port, receivedNs: record.receivedNs, symbol: symbol, line: line)
        )
    }

    /// Calls `body` with each entry and its symbol (empty when it has none) and line bytes, in order, until `body`
    /// returns `false`.
    func forEach(_ body: (Entry, _ symbol: UnsafeRawBufferPointer, _ line: UnsafeRawBufferPointer) -> Bool) {
        bytes.withUnsafeBytes { all in
            for entry in entries {
                let symbol = entry.symbol.map { UnsafeRawBufferPointer(rebasing: all[$0]) }
                let line = UnsafeRawBufferPointer(rebasing: all[entry.line])
                guard body(entry, symbol ?? UnsafeRawBufferPointer(start: nil, count: 0), line) else { return }
            }
        }
    }

    private mutating func copy(_ source: UnsafeRawBufferPointer) -> Range<Int> {
        let start = bytes.count
        bytes.append(contentsOf: source)
        return start..<bytes.count
    }
}
