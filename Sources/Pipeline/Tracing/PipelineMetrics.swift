import Synchronization

/// Latency histograms of one process's stages, kept twice: for the whole run (the summary) and for the current
/// window (the health monitor takes and resets it every sample).
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
    }

    private let state = Mutex<(run: Histograms, window: Histograms)>((Histograms(), Histograms()))

    public init() {}

    /// Adds the produce latencies (acked minus received) of one batch of delivery reports.
    public func recordProduce(_ latencies: some Sequence<Int64>) {
        state.withLock { state in
            for latency in latencies {
                state.run.produce.record(nanoseconds: latency)
                state.window.produce.record(nanoseconds: latency)
            }
        }
    }

    /// Adds a batch a sink stored at `storedNs`.
    public func recordBatch(_ stamps: [EventStamps], storedNs: Int64) {
        state.withLock { state in
            for stamp in stamps {
                Self.record(stamp, storedNs: storedNs, into: &state.run)
                Self.record(stamp, storedNs: storedNs, into: &state.window)
            }
        }
    }

    /// The whole run's histograms so far.
    public var run: Histograms { state.withLock { $0.run } }

    /// The histograms since the last call, and a fresh window.
    public func takeWindow() -> Histograms {
        state.withLock { state in
            defer { state.window = Histograms() }
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
