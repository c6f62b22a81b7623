import MarketData

/// Encodes generated messages with the codec and appends them to the capture, until it holds the requested number of
/// events; lines after that are dropped, so an action cut short by the end leaves whole lines only.
struct SyntheticEmitter {
    private let writer: CaptureWriter
    private var bytes: [UInt8] = []
    private var remaining: Int
    /// The `recv_ns` and market-time clocks.
    private(set) var clock: SyntheticClock
    /// What has been written.
    private(set) var summary = SyntheticCaptureSummary()

    /// An emitter that writes `events` events to `writer`.
    init(writer: CaptureWriter, events: Int, clock: SyntheticClock) {
        self.writer = writer
        self.remaining = events
        self.clock = clock
        bytes.reserveCapacity(256)
    }

    /// Whether every requested event has been written.
    var isDone: Bool { remaining == 0 }

    /// The current action's market time, `HH:MM:SS.ffffff`.
    var time: String { clock.time }

    /// The current action's trading day, `YYYY-MM-DD`.
    var date: String { clock.date }

    /// Starts the next action: moves the clock on and, in a new second of market time, writes a `T` heartbeat on
    /// both ports, as IQConnect sends them.
    mutating func startAction() throws {
        guard let timestamp = clock.startAction() else { return }
        for port in [FeedPort.level1, .level2] {
            try emit(.timestamp(TimestampMessage(timestamp: timestamp)), port: port, symbol: nil)
        }
    }

    /// Writes `message` as the next event about `symbol` (UTF-8 bytes) from `port`, counted as a trade if `isTrade`.
    /// Does nothing once every requested event has been written.
    mutating func emit(_ message: FeedMessage, port: FeedPort, symbol: [UInt8]?, isTrade: Bool = false) throws {
        guard remaining > 0 else { return }
        bytes.removeAll(keepingCapacity: true)
        message.encode(into: &bytes)
        let recvNs = clock.nextLine()
        try bytes.withUnsafeBytes { line in
            guard let symbol else {
                try writer.append(recvNs: recvNs, port: port, symbolBytes: nil, lineBytes: line)
                return
            }
            _ = try symbol.withUnsafeBytes {
                try writer.append(recvNs: recvNs, port: port, symbolBytes: $0, lineBytes: line)
            }
        }
        remaining -= 1
        summary.events += 1
        if isTrade { summary.trades += 1 }
        summary.spanNanoseconds = recvNs
        if port == .level1 { summary.level1Events += 1 } else { summary.level2Events += 1 }
        switch message {
        case .timestamp: summary.timestampLines += 1
        case .clearDepth: summary.clearDepthLines += 1
        default: break
        }
    }
}
