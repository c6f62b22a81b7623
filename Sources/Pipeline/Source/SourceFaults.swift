import Synchronization
import SystemSupport

/// Faults a run injects at its source, the replayed feed (the scenario runner's `feed.*` faults): lines lost
/// (`drop`), lines garbled on the wire (`corrupt`), a connection lost for a while (`disconnect`: every line due
/// during the outage is lost) and a feed that stops sending but loses nothing (`stall`).
///
/// The replayer asks ``action(for:)`` before each event. Every seq the feed lost is kept, so the checks can tell
/// losses at the source from losses in the pipeline.
public final class SourceFaults: Sendable {
    /// What happens to one event.
    public enum Action: Sendable, Hashable {
        case publish
        /// Lost at the source; never published.
        case drop
        /// Published with its fields garbled, so processing must store it apart as a bad line.
        case corrupt
    }

    private struct State {
        var dropNext = 0
        var corruptNext = 0
        var disconnected = false
        var stalled = false
        var dropped: [Int64] = []
    }

    private let state = Mutex(State())

    public init() {}

    /// Loses the next `count` lines at the source.
    public func dropNext(_ count: Int) {
        state.withLock { $0.dropNext += max(0, count) }
    }

    /// Garbles the next `count` lines.
    public func corruptNext(_ count: Int) {
        state.withLock { $0.corruptNext += max(0, count) }
    }

    /// Cuts the feed: every line due until ``reconnect()`` is lost.
    public func disconnect() {
        state.withLock { $0.disconnected = true }
    }

    /// Ends a ``disconnect()``.
    public func reconnect() {
        state.withLock { $0.disconnected = false }
    }

    /// Stops the feed without losing anything: the replayer holds the next line until ``resume()``.
    public func stall() {
        state.withLock { $0.stalled = true }
    }

    /// Ends a ``stall()``.
    public func resume() {
        state.withLock { $0.stalled = false }
    }

    /// Whether the feed is stalled now.
    public var isStalled: Bool { state.withLock { $0.stalled } }

    /// Every seq lost at the source (dropped or lost to a disconnection), in order.
    public var lostSeqs: [Int64] { state.withLock { $0.dropped } }

    /// Decides the fate of the event with `seq`, and remembers it.
    public func action(for seq: Int64) -> Action {
        state.withLock { state in
            if state.disconnected {
                state.dropped.append(seq)
                return .drop
            }
            if state.dropNext > 0 {
                state.dropNext -= 1
                state.dropped.append(seq)
                return .drop
            }
            if state.corruptNext > 0 {
                state.corruptNext -= 1
                return .corrupt
            }
            return .publish
        }
    }

    /// A copy of `line` no parser accepts as a market-data line, keeping its length: the message type becomes `#`.
    static func garble(_ line: UnsafeRawBufferPointer) -> [UInt8] {
        var bytes = Array(line)
        if !bytes.isEmpty { bytes[0] = UInt8(ascii: "#") }
        return bytes
    }
}
