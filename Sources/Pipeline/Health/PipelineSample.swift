/// The whole pipeline's figures at one moment: one ``StageSample`` per stage plus pipeline totals.
///
/// Samples are taken one window apart; the health monitor compares each with the previous one to see queues and
/// backlog grow.
public struct PipelineSample: Sendable, Hashable {
    /// When the sample was taken, as time since the run started.
    public var time: Duration
    /// One sample per reporting stage; a stage that is not listed is not reporting (for example not started).
    public var stages: [StageSample]
    /// The Kafka consumer group's lag: messages in Kafka not yet consumed by the processors.
    public var consumerLag: Int
    /// Events that entered the pipeline since the run started (produced by the source).
    public var eventsProduced: Int
    /// Events stored since the run started.
    public var eventsStored: Int
    /// End-to-end latency over the window (source to stored), from the traces; `nil` when not measured, in which
    /// case the health monitor uses the sum of the stages' p99 latencies.
    public var endToEndLatency: LatencySummary?

    /// A sample with the given figures.
    public init(
        time: Duration,
        stages: [StageSample],
        consumerLag: Int = 0,
        eventsProduced: Int = 0,
        eventsStored: Int = 0,
        endToEndLatency: LatencySummary? = nil
    ) {
        self.time = time
        self.stages = stages
        self.consumerLag = consumerLag
        self.eventsProduced = eventsProduced
        self.eventsStored = eventsStored
        self.endToEndLatency = endToEndLatency
    }

    /// The sample of `stage`, or `nil` when that stage is not reporting (the first one if listed twice).
    public func stage(_ stage: PipelineStage) -> StageSample? {
        stages.first { $0.stage == stage }
    }

    /// The stages' samples in data-flow order (upstream first).
    var stagesInFlowOrder: [StageSample] {
        PipelineStage.allCases.compactMap { stage($0) }
    }
}
