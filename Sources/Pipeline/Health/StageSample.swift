/// One stage's figures over one sampling window (typically 1 s).
///
/// Counts are for the window only; ``queueDepth`` is a reading at the end of the window.
public struct StageSample: Sendable, Hashable {
    /// The stage measured.
    public var stage: PipelineStage
    /// The length of the window the counts cover.
    public var window: Duration
    /// Events the stage finished in the window (parsed, acknowledged by Kafka, processed, stored).
    public var processed: Int
    /// Events the stage failed in the window (each failed attempt counts once).
    public var errors: Int
    /// Events waiting before this stage at the end of the window; for processing this includes the consumer lag.
    public var queueDepth: Int
    /// The stage's latency over the window: from an event's arrival at the stage until the stage is done with it.
    public var latency: LatencySummary

    /// A sample with the given figures; `latency` is usually ``LatencyHistogram/summary``.
    public init(
        stage: PipelineStage,
        window: Duration,
        processed: Int,
        errors: Int = 0,
        queueDepth: Int = 0,
        latency: LatencySummary = .empty
    ) {
        self.stage = stage
        self.window = window
        self.processed = processed
        self.errors = errors
        self.queueDepth = queueDepth
        self.latency = latency
    }

    /// The window's length in seconds (0 for an empty or negative window).
    public var windowSeconds: Double {
        Swift.max(window.seconds, 0)
    }

    /// Events finished per second over the window (0 for an empty window).
    public var throughput: Double {
        windowSeconds > 0 ? Double(processed) / windowSeconds : 0
    }

    /// Errors as a percentage of attempts (`errors / (processed + errors) × 100`), 0 with no attempts.
    public var errorRatePercent: Double {
        let attempts = processed + errors
        return attempts > 0 ? Double(errors) * 100 / Double(attempts) : 0
    }
}

extension Duration {
    /// The duration in seconds as a `Double`.
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    /// The duration in milliseconds as a `Double` (exact for whole milliseconds).
    var milliseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }
}
