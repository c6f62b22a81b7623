import Capture
import Dispatch
import MarketData
import Synchronization
import SystemSupport

/// Writes what the live client receives into a capture file: every line as an event (in arrival order across
/// ports, stamped with one monotonic clock), every outage as a gap, and the acknowledged Level 1 field list.
///
/// The client's reader threads call in concurrently; one lock serialises them, which fixes `seq` order and keeps
/// `recv_ns` monotonic. The lock is held while SQLite stores a receive's lines, so a slow disk slows the readers
/// (IQConnect then queues, as it does for any slow client) instead of growing memory.
public final class FeedRecorder: FeedLineSink {
    private let state: Mutex<State>
    private let done = DispatchSemaphore(value: 0)
    /// Monotonic time of `recv_ns` = 0.
    public let anchorNanoseconds: Int64

    // @unchecked: the writer (not Sendable) is reached only through `state`'s lock, one thread at a time, and the
    // initializer takes it over (`sending`), so no other reference is used concurrently.
    struct State: @unchecked Sendable {
        var writer: CaptureWriter
        var statistics = RecorderStatistics()
        var limit: Int?
        var isDone = false
        var notices: [String] = []
    }

    /// A recorder appending to `writer`, whose `recv_ns` 0 is `anchorNanoseconds` (``MonotonicClock`` time; take it
    /// together with the wall clock stored as the capture's `clock_anchor_unix_ns`). With `dataLineLimit`, it is
    /// done after that many lines about a symbol.
    public init(writer: sending CaptureWriter, anchorNanoseconds: Int64, dataLineLimit: Int? = nil) {
        self.anchorNanoseconds = anchorNanoseconds
        self.state = Mutex(State(writer: writer, limit: dataLineLimit))
    }

    /// Appends the lines. Once the line limit is reached (or recording failed), nothing more is written: with
    /// `dataLineLimit` the capture ends exactly at the limit's line, even part-way through a receive.
    public func receive(_ lines: FeedLines, from port: FeedPort) {
        state.withLock { state in
            guard !state.isDone else { return }
            let recvNs = MonotonicClock.nanoseconds() - anchorNanoseconds
            do {
                try lines.forEach { line in
                    guard !state.isDone else { return }
                    let symbol = FeedLine.symbolRange(in: line, port: port).map {
                        UnsafeRawBufferPointer(rebasing: line[$0])
                    }
                    try state.writer.append(recvNs: recvNs, port: port, symbolBytes: symbol, lineBytes: line)
                    state.statistics.lines += 1
                    state.statistics.linesPerPort[port, default: 0] += 1
                    // `n,SYM` and `S,CLEAR DEPTH,SYM` carry a symbol but are not market data.
                    if let symbol, line.first != UInt8(ascii: "n"), line.first != UInt8(ascii: "S") {
                        state.statistics.dataLines += 1
                        // Symbols of up to 15 bytes make small Strings: no allocation, one hash.
                        state.statistics.symbols.insert(String(decoding: symbol, as: UTF8.self))
                        if let limit = state.limit, state.statistics.dataLines >= limit { finish(in: &state) }
                    }
                }
            } catch {
                fail("could not write the capture: \(error)", in: &state)
            }
        }
    }

    public func handle(_ event: FeedConnectionEvent) {
        state.withLock { state in
            switch event {
            case .connected(let port, let attempt):
                if attempt > 1 { state.notices.append("\(port): reconnected (connection \(attempt))") }
            case .disconnected(let port, let reason):
                state.notices.append("\(port): \(reason); reconnecting")
            case .gap(let port, let start, let end, let reason):
                state.statistics.gaps += 1
                do {
                    try state.writer.recordGap(
                        startNs: max(0, start - anchorNanoseconds),
                        endNs: max(0, end - anchorNanoseconds),
                        port: port,
                        reason: reason
                    )
                } catch {
                    fail("could not write a gap to the capture: \(error)", in: &state)
                }
            case .fieldsAcknowledged(let fields):
                do {
                    try state.writer.updateMetadata(
                        key: CaptureMetadata.Key.level1Fields,
                        value: fields.joined(separator: ",")
                    )
                } catch {
                    fail("could not write the Level 1 field list to the capture: \(error)", in: &state)
                }
            case .failed(let error):
                fail(error.message, in: &state)
            case .unknownSymbol(let port, let symbol):
                if state.statistics.unknownSymbols[port, default: []].insert(symbol).inserted {
                    state.notices.append(
                        "\(port): IQFeed does not know symbol \(symbol) (n,\(symbol)); nothing to record"
                    )
                }
            case .warning(let port, let message):
                state.notices.append("\(port): \(message)")
            }
        }
    }

    /// Commits the open batch if it is old enough; call it now and then, so a quiet feed's last lines do not wait.
    public func commitIfDue() {
        state.withLock { state in
            do {
                try state.writer.commitIfDue()
            } catch {
                fail("could not write the capture: \(error)", in: &state)
            }
        }
    }

    /// Waits until the line limit is reached or recording failed; false after `timeout`.
    public func waitUntilDone(timeout: Duration) -> Bool {
        guard done.wait(timeout: .now() + .nanoseconds(Int(timeout.nanoseconds))) == .success else { return false }
        done.signal()
        return true
    }

    /// Counters so far.
    public var statistics: RecorderStatistics { state.withLock { $0.statistics } }

    /// Messages worth showing (reconnects), taken once.
    public func takeNotices() -> [String] {
        state.withLock { state in
            defer { state.notices.removeAll() }
            return state.notices
        }
    }

    /// Commits everything and closes the file; call after the client has stopped. Returns whether the capture is
    /// one self-contained file (see `CaptureWriter.finish()`).
    @discardableResult
    public func finish() throws -> Bool {
        try state.withLock { state in try state.writer.finish() }
    }

    private func fail(_ message: String, in state: inout State) {
        if state.statistics.failure == nil { state.statistics.failure = message }
        finish(in: &state)
    }

    private func finish(in state: inout State) {
        guard !state.isDone else { return }
        state.isDone = true
        done.signal()
    }
}
