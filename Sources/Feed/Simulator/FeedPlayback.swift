import Capture
import MarketData

/// What the simulator serves: recorded lines in order. A capture file is the usual one (``CapturePlayback``).
public protocol FeedPlayback: Sendable {
    /// The symbols that have lines on each port: playback starts once a client watches all of them (or after the
    /// start timeout), and a watch of any other symbol gets `n,SYMBOL`.
    func streams() throws -> [FeedPort: Set<String>]

    /// The Level 1 field list the recorded `Q`/`P` lines use.
    var level1Fields: [String] { get }

    /// Calls `body` with every line in order; stops early when `body` returns false. Lines about no symbol
    /// (heartbeats, system and error lines) are skipped by the simulator, which makes its own.
    func forEachLine(_ body: (CaptureEvent) throws -> Bool) throws
}

/// A playback held in memory, for tests and generated feeds.
public struct MemoryPlayback: FeedPlayback {
    /// The lines, in order.
    public var lines: [CaptureEvent]
    /// The Level 1 field list the lines use.
    public var level1Fields: [String]

    /// Creates a playback of `lines`.
    public init(lines: [CaptureEvent], level1Fields: [String] = Level1FieldList.default.names) {
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

    public func forEachLine(_ body: (CaptureEvent) throws -> Bool) throws {
        for line in lines where try !body(line) { return }
    }
}
