import MarketData

/// One recorded line for the simulator to serve.
public struct PlaybackLine: Sendable {
    /// The line's capture sequence number (strictly increasing).
    public var seq: Int64
    /// When it was received, in nanoseconds from the start of the recording.
    public var recvNanoseconds: Int64
    /// The stream it came from.
    public var port: FeedPort
    /// The symbol it is about; nil for heartbeats, system and error lines, which the simulator makes itself.
    public var symbol: String?
    /// The line without CR LF.
    public var line: String

    /// Creates a line.
    public init(seq: Int64, recvNanoseconds: Int64, port: FeedPort, symbol: String?, line: String) {
        self.seq = seq
        self.recvNanoseconds = recvNanoseconds
        self.port = port
        self.symbol = symbol
        self.line = line
    }
}

/// What the simulator serves: recorded lines in order. A capture file is the usual one (``CapturePlayback``).
public protocol FeedPlayback: Sendable {
    /// The symbols that have lines on each port: playback starts once a client watches all of them (or after the
    /// start timeout), and a watch of any other symbol gets `n,SYMBOL`.
    func streams() throws -> [FeedPort: Set<String>]

    /// The Level 1 field list the recorded `Q`/`P` lines use.
    var level1Fields: [String] { get }

    /// Calls `body` with every line in order; stops early when `body` returns false.
    func forEachLine(_ body: (PlaybackLine) throws -> Bool) throws
}

/// A playback held in memory, for tests and generated feeds.
public struct MemoryPlayback: FeedPlayback {
    /// The lines, in order.
    public var lines: [PlaybackLine]
    /// The Level 1 field list the lines use.
    public var level1Fields: [String]

    /// Creates a playback of `lines`.
    public init(lines: [PlaybackLine], level1Fields: [String] = Level1FieldList.default.names) {
        self.lines = lines
        self.level1Fields = level1Fields
    }

    public func streams() -> [FeedPort: Set<String>] {
        var result: [FeedPort: Set<String>] = [:]
        for line in lines {
            if let symbol = line.symbol { result[line.port, default: []].insert(symbol) }
        }
        return result
    }

    public func forEachLine(_ body: (PlaybackLine) throws -> Bool) throws {
        for line in lines where try !body(line) { return }
    }
}
