import Capture
import Kafka
import MarketData
import Synchronization
import SystemSupport

/// Streams a capture into the raw topic at a ``ReplayPace`` against an absolute schedule, keeping the events
/// produced but not yet stored under a window so a slow sink cannot push the embedded cluster past its retention.
///
/// `@unchecked Sendable`: the reader is used only by the thread in ``run()``; ``stop()``, the one call meant for
/// other threads, touches an atomic.
public final class CaptureReplayer: @unchecked Sendable {
    /// What a replay did.
    public struct Statistics: Sendable {
        /// Events published.
        public var published: Int64 = 0
        /// The last `seq` published.
        public var lastSeq: Int64 = 0
        /// How late each paced send was against its scheduled time (not recorded at `max` pace).
        public var lateness = LatencyHistogram()
        /// The last send's lateness: the replay's total drift.
        public var finalDriftNs: Int64 = 0
        /// Wall time from the first to the last send.
        public var elapsedNs: Int64 = 0
        /// Time spent waiting for the window to have room.
        public var windowWaitNs: Int64 = 0
        /// Whether ``CaptureReplayer/stop()`` ended the replay before the capture's end.
        public var stoppedEarly = false
        /// Why the replay gave up before the capture's end, if it did: nothing was stored for the stall time-out
        /// while the window was full, or a processor failed.
        public var abandoned: String?
    }

    private let reader: CaptureReader
    private let pace: ReplayPace
    private let publisher: RawPublisher
    private let window: Int64
    private let storedCount: @Sendable () -> Int64
    private let stallTimeout: Duration
    private let failure: @Sendable () -> String?
    private let counters: PipelineCounters
    private let stopRequested = Atomic<Bool>(false)
    private let schedule: @Sendable (Int64) -> Void
    private let faults: SourceFaults?

    /// - Parameters:
    ///   - window: events published but not yet stored the replay may run ahead by.
    ///   - storedCount: how many events are stored (from the committed offsets).
    ///   - stallTimeout: how long the window may stay full with nothing stored before the replay gives up.
    ///   - failure: why the pipeline cannot store any more (a failed processor), checked while waiting.
    ///   - beforeEvent: called with each `seq` before it is published (the scenario runner's `at_event` hook).
    ///   - faults: the `feed.*` faults to apply to each event; `nil` for none.
    public init(
        reader: CaptureReader,
        pace: ReplayPace,
        publisher: RawPublisher,
        window: Int64,
        counters: PipelineCounters,
        storedCount: @escaping @Sendable () -> Int64,
        stallTimeout: Duration = .seconds(60),
        failure: @escaping @Sendable () -> String? = { nil },
        beforeEvent: @escaping @Sendable (Int64) -> Void = { _ in },
        faults: SourceFaults? = nil
    ) {
        self.reader = reader
        self.pace = pace
        self.publisher = publisher
        self.window = max(1, window)
        self.counters = counters
        self.storedCount = storedCount
        self.stallTimeout = stallTimeout
        self.failure = failure
        self.schedule = beforeEvent
        self.faults = faults
    }

    /// Ends ``run()`` after the event being published.
    public func stop() {
        stopRequested.store(true, ordering: .relaxed)
    }

    /// Publishes every event of the capture, in `seq` order; returns when the last one is handed to Kafka (not
    /// acknowledged: flush the publisher for that) or after ``stop()``.
    public func run() throws -> Statistics {
        var statistics = Statistics()
        let startNs = MonotonicClock.nanoseconds()
        var firstRecvNs: Int64?
        var index: Int64 = 0
        do {
            try reader.forEachEvent { event in
                guard !stopRequested.load(ordering: .relaxed) else { throw Stop() }
                schedule(event.seq)
                waitWhileStalled()
                try waitForWindow(published: statistics.published, statistics: &statistics)
                let sinceFirst = event.recvNs - (firstRecvNs ?? event.recvNs)
                firstRecvNs = firstRecvNs ?? event.recvNs
                if let due = pace.dueOffset(index: index, sinceFirstNs: sinceFirst).map({ startNs + $0 }) {
                    let early = due - MonotonicClock.nanoseconds()
                    if early > 20_000 { MonotonicClock.sleep(nanoseconds: early) }
                    let late = MonotonicClock.nanoseconds() - due
                    statistics.lateness.record(nanoseconds: late)
                    statistics.finalDriftNs = late
                }
                // Decided when the event is due, so a disconnection loses the events of its own time only.
                let action = faults?.action(for: event.seq) ?? .publish
                if action == .drop {
                    index += 1
                    return
                }
                let published = try event.withSymbolBytes { symbol in
                    try event.withLineBytes { line in
                        let symbol = symbol ?? UnsafeRawBufferPointer(start: nil, count: 0)
                        let receivedNs = MonotonicClock.unixNanoseconds()
                        guard action == .corrupt else {
                            return try publisher.publish(
                                seq: event.seq,
                                symbol: symbol,
                                line: line,
                                port: event.port,
                                receivedNs: receivedNs
                            )
                        }
                        return try SourceFaults.garble(line).withUnsafeBytes { garbled in
                            try publisher.publish(
                                seq: event.seq,
                                symbol: symbol,
                                line: garbled,
                                port: event.port,
                                receivedNs: receivedNs
                            )
                        }
                    }
                }
                guard published else { throw Stop() }
                counters.emitted.add(1)
                statistics.published += 1
                statistics.lastSeq = event.seq
                index += 1
            }
        } catch is Stop {
            statistics.stoppedEarly = true
        }
        statistics.elapsedNs = MonotonicClock.nanoseconds() - startNs
        return statistics
    }

    /// Holds the next event while a `feed.stall` lasts (or until ``stop()``).
    private func waitWhileStalled() {
        while faults?.isStalled == true, !stopRequested.load(ordering: .relaxed) {
            MonotonicClock.sleep(nanoseconds: 1_000_000)
        }
    }

    private func waitForWindow(published: Int64, statistics: inout Statistics) throws {
        var stored = storedCount()
        guard published - stored >= window else { return }
        counters.backpressureWaits.add(1)
        let start = MonotonicClock.nanoseconds()
        defer { statistics.windowWaitNs += MonotonicClock.nanoseconds() - start }
        var lastProgress = start
        while published - stored >= window {
            if stopRequested.load(ordering: .relaxed) { return }
            if let failure = failure() {
                statistics.abandoned = failure
                throw Stop()
            }
            let now = MonotonicClock.nanoseconds()
            if now - lastProgress > stallTimeout.nanoseconds {
                statistics.abandoned =
                    "nothing was stored for \(stallTimeout) while \(published - stored) events "
                    + "waited to be stored"
                throw Stop()
            }
            MonotonicClock.sleep(nanoseconds: 1_000_000)
            let current = storedCount()
            if current != stored {
                stored = current
                lastProgress = MonotonicClock.nanoseconds()
            }
        }
    }

    /// Ends the replay before the capture's end.
    private struct Stop: Error {}
}
