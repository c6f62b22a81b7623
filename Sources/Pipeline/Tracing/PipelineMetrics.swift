import Synchronization

/// Latency histograms of one process's stages: events are recorded into the current window (the health monitor
/// takes and resets it every sample), and each window taken is merged into the whole run's (the summary): one
/// record per event and stage, not two.
///
/// Stages, by the stamps that bound them: produce = received → acked by Kafka; delivery = received → consumed;
/// processing = consumed → processed; storage = processed → stored; end to end = received → stored.
public final class PipelineMetrics: Sendable {
    /// One set of stage histograms.
    public struct Histograms: Sendable {
        public var produce = LatencyHistogram()
        public var delivery = LatencyHistogram()
        public var processing = LatencyHistogram()
        public var storage = LatencyHistogram()
        public var endToEnd = LatencyHistogram()

        public init() {}

        mutating func merge(_ other: Histograms) {
            produce.merge(other.produce)
            delivery.merge(other.delivery)
            processing.merge(other.processing)
            storage.merge(other.storage)
            endToEnd.merge(other.endToEnd)
        }
    }

    private let state = Mutex<(run: Histograms, window: Histograms)>((Histograms(), Histograms()))

    public init() {}

    /// Adds the produce latencies (acked minus received) of one batch of delivery reports.
    public func recordProduce(_ latencies: some Sequence<Int64>) {
        state.withLock { state in
            for latency in latencies {
                state.window.produce.record(nanoseconds: latency)
            }
        }
    }

    /// Adds a batch a sink stored at `storedNs`.
    public func recordBatch(_ stamps: [EventStamps], storedNs: Int64) {
        state.withLock { state in
            for stamp in stamps {
                Self.record(stamp, storedNs: storedNs, into: &state.window)
            }
        }
    }

    /// The whole run's histograms so far.
    public var run: Histograms {
        state.withLock { state in
            var run = state.run
            run.merge(state.window)
            return run
        }
    }

    /// The histograms since the last call, and a fresh window.
    public func takeWindow() -> Histograms {
        state.withLock { state in
            defer { state.window = Histograms() }
            state.run.merge(state.window)
            return state.window
        }
    }

    private static func record(_ stamp: EventStamps, storedNs: Int64, into histograms: inout Histograms) {
        histograms.delivery.record(nanoseconds: stamp.consumedNs - stamp.receivedNs)
        histograms.processing.record(nanoseconds: stamp.processedNs - stamp.consumedNs)
        histograms.storage.record(nanoseconds: storedNs - stamp.processedNs)
        histograms.endToEnd.record(nanoseconds: storedNs - stamp.receivedNs)
    }
}
