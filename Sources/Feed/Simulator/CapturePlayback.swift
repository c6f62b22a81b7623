import Capture
import MarketData

/// A capture file as the simulator's playback: its events in `seq` order, streamed from disk (constant memory).
public struct CapturePlayback: FeedPlayback {
    /// The capture file.
    public let path: String
    /// The Level 1 field list the recorded `Q`/`P` lines use (the capture's `level1_fields`).
    public let level1Fields: [String]
    private let symbolsByPort: [FeedPort: Set<String>]

    /// Opens and checks the capture at `path`.
    ///
    /// - Throws: ``CaptureError`` if the file is missing, not a capture, newer than this harness reads, or damaged.
    public init(path: String) throws {
        let reader = try CaptureReader(path: path)
        self.path = path
        self.level1Fields = reader.metadata.level1Fields
        self.symbolsByPort = try reader.symbolsByPort()
    }

    /// Every symbol with lines in the capture, sorted.
    public var symbols: [String] {
        symbolsByPort.values.reduce(into: Set<String>()) { $0.formUnion($1) }.sorted()
    }

    public func streams() -> [FeedPort: Set<String>] {
        symbolsByPort
    }

    public func forEachLine(_ body: (CaptureEvent) throws -> Bool) throws {
        let reader = try CaptureReader(path: path)
        do {
            try reader.forEachEvent { event in
                if try !body(event.event) { throw PlaybackStopped() }
            }
        } catch is PlaybackStopped {
            return
        }
    }
}

/// Ends a capture pass early when the simulator stops.
private struct PlaybackStopped: Error {}
