import Synchronization

/// Latency histograms of one process's stages over the current window, which the health monitor takes and resets
/// every sample. (The run's summary builds its latencies from the stored stamps instead, in the audit.)
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

    private let window = Mutex(Histograms())

    public init() {}

    /// Adds the produce latencies (acked minus received) of one batch of delivery reports.
    public func recordProduce(_ latencies: some Sequence<Int64>) {
        window.withLock { window in
            for latency in latencies {
                window.produce.record(nanoseconds: latency)
            }
        }
    }

    /// Adds a batch a sink stored at `storedNs`.
    public func recordBatch(_ stamps: [EventStamps], storedNs: Int64) {
        window.withLock { window in
            for stamp in stamps {
                Self.record(stamp, storedNs: storedNs, into: &window)
            }
        }
    }

    /// The histograms since the last call, and a fresh window.
    public func takeWindow() -> Histograms {
        window.withLock { window in
            defer { window = Histograms() }
            return window
        }
    }

    private static func record(_ stamp: EventStamps, storedNs: Int64, into histograms: inout Histograms) {
        histograms.delivery.record(nanoseconds: stamp.consumedNs - stamp.receivedNs)
        histograms.processing.record(nanoseconds: stamp.processedNs - stamp.consumedNs)
        histograms.storage.record(nanoseconds: storedNs - stamp.processedNs)
        histograms.endToEnd.record(nanoseconds: storedNs - stamp.receivedNs)
    }
}
