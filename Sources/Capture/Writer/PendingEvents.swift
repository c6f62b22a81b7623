import MarketData

/// Events appended to a `CaptureWriter` but not yet inserted: their bytes copied into one buffer, so the caller's
/// buffers can be reused at once and SQLite can insert many rows with one statement.
struct PendingEvents {
    /// One event, with its symbol and line as ranges of `bytes`.
    struct Event {
        var seq: Int64
        var recvNs: Int64
        var port: FeedPort
        /// The symbol's range in `bytes`, or `nil` for an event about no symbol.
        var symbol: Range<Int>?
        var line: Range<Int>
    }

    private(set) var events: [Event] = []
    private(set) var bytes: [UInt8] = []

    init(capacity: Int) {
        events.reserveCapacity(capacity)
        bytes.reserveCapacity(capacity * 128)
    }

    var count: Int {
        events.count
    }

    var isEmpty: Bool {
        events.isEmpty
    }

    /// Copies one event in.
    mutating func append(
        seq: Int64,
        recvNs: Int64,
        port: FeedPort,
        symbol: UnsafeRawBufferPointer?,
        line: UnsafeRawBufferPointer
    ) {
        let symbolRange = symbol.map { copy($0) }
        events.append(Event(seq: seq, recvNs: recvNs, port: port, symbol: symbolRange, line: copy(line)))
    }

    /// Forgets every event, keeping the storage.
    mutating func removeAll() {
        events.removeAll(keepingCapacity: true)
        bytes.removeAll(keepingCapacity: true)
    }

    private mutating func copy(_ source: UnsafeRawBufferPointer) -> Range<Int> {
        let start = bytes.count
        bytes.append(contentsOf: source)
        return start..<bytes.count
    }
}
