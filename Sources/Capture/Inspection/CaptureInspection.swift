import MarketData

/// Everything `harness inspect` shows about a capture, from one streaming pass over its events.
public struct CaptureInspection: Sendable, Codable, Equatable {
    /// A line the codec could not read.
    public struct BadLineSample: Sendable, Codable, Equatable {
        /// Its seq.
        public var seq: Int64
        /// Its port number.
        public var port: Int
        /// Why it is bad.
        public var reason: String
        /// The line as stored.
        public var line: String
    }

    /// A recorded outage.
    public struct Gap: Sendable, Codable, Equatable {
        /// When the outage began, `recv_ns` time.
        public var startNs: Int64
        /// When it ended, `recv_ns` time.
        public var endNs: Int64
        /// The IQFeed port number (5009, 9200).
        public var port: Int
        /// Why, as recorded (`IQFeed closed the connection`, `no heartbeat for 3.0 s`...).
        public var reason: String
    }

    /// Lines per second over the capture's span (every second from the first line to the last, quiet ones
    /// included).
    public struct Rate: Sendable, Codable, Equatable {
        /// The median second's line count.
        public var p50: Int
        /// 90% of seconds had at most this many lines.
        public var p90: Int
        /// 99% of seconds had at most this many lines.
        public var p99: Int
        /// The busiest second's line count.
        public var max: Int
    }

    /// The capture's metadata, as stored.
    public var metadata: [String: String]
    /// Events in the file.
    public var events: Int
    /// The first event's seq; nil for an empty capture.
    public var firstSeq: Int64?
    /// The last event's seq; nil for an empty capture.
    public var lastSeq: Int64?
    /// The first event's `recv_ns`; nil for an empty capture.
    public var firstRecvNs: Int64?
    /// The last event's `recv_ns`; nil for an empty capture.
    public var lastRecvNs: Int64?
    /// Events per port number.
    public var perPort: [String: Int]
    /// Events per message type (`Q`, `8`, `S,SERVER CONNECTED`...).
    public var perType: [String: Int]
    /// Events per symbol.
    public var perSymbol: [String: Int]
    /// Gaps recorded while capturing.
    public var gaps: [Gap]
    /// Message rate.
    public var rate: Rate?
    /// Lines the codec could not read.
    public var badLines: Int
    /// The first few of them.
    public var badLineSamples: [BadLineSample]

    /// How many bad lines are kept as samples.
    public static let sampleLimit = 10

    /// Reads every event of `reader` once (constant memory apart from the per-second counts).
    public init(reading reader: CaptureReader) throws {
        metadata = Dictionary(reader.metadata.rows.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
        gaps = try reader.gaps().map {
            Gap(startNs: $0.startNs, endNs: $0.endNs, port: $0.port.rawValue, reason: $0.reason)
        }
        events = 0
        perPort = [:]
        perType = [:]
        perSymbol = [:]
        badLines = 0
        badLineSamples = []
        var parser = FeedParser(
            level1Fields: reader.metadata.level1Fields.isEmpty
                ? .default : Level1FieldList(reader.metadata.level1Fields)
        )
        var secondCounts: [Int64: Int] = [:]
        var portCounts: [FeedPort: Int] = [:]
        try reader.forEachEvent { event in
            events += 1
            if firstSeq == nil {
                firstSeq = event.seq
                firstRecvNs = event.recvNs
            }
            lastSeq = event.seq
            lastRecvNs = event.recvNs
            portCounts[event.port, default: 0] += 1
            // Through Double: a damaged file's recv_ns may span more than Int64 holds.
            let second = Int64((Double(event.recvNs) - Double(firstRecvNs ?? 0)) / 1e9)
            secondCounts[second, default: 0] += 1
            if let symbol = event.symbol { perSymbol[symbol, default: 0] += 1 }
            event.withLineBytes { bytes in
                let type = FeedLine.typeCodeRange(in: bytes, port: event.port)
                perType[String(decoding: bytes[type], as: UTF8.self), default: 0] += 1
                if case .bad(let bad) = parser.parse(bytes, port: event.port) {
                    badLines += 1
                    if badLineSamples.count < Self.sampleLimit {
                        badLineSamples.append(
                            BadLineSample(seq: event.seq, port: event.port.rawValue, reason: bad.reason, line: bad.line)
                        )
                    }
                }
            }
        }
        perPort = Dictionary(uniqueKeysWithValues: portCounts.map { (String($0.key.rawValue), $0.value) })
        let spanSeconds = Int64((Double(lastRecvNs ?? 0) - Double(firstRecvNs ?? 0)) / 1e9) + 1
        rate = Self.rate(busySeconds: secondCounts.values.sorted(), spanSeconds: spanSeconds)
    }

    /// Percentiles over every second of the span: the seconds with lines (`busySeconds`, sorted counts) and the
    /// quiet ones (count 0), without listing the quiet ones.
    private static func rate(busySeconds: [Int], spanSeconds: Int64) -> Rate? {
        guard let busiest = busySeconds.last else { return nil }
        let quiet = max(0, spanSeconds - Int64(busySeconds.count))
        let total = quiet + Int64(busySeconds.count)
        func percentile(_ p: Double) -> Int {
            let index = min(total - 1, Int64(Double(total) * p))
            return index < quiet ? 0 : busySeconds[Int(index - quiet)]
        }
        return Rate(p50: percentile(0.5), p90: percentile(0.9), p99: percentile(0.99), max: busiest)
    }
}
