/// What ``HealthMonitor/evaluate(_:)`` concludes from one sample.
public struct HealthAssessment: Sendable, Hashable {
    /// The sample's time (time since the run started).
    public var time: Duration
    /// The health score, 0 to 100: 100 minus ``penalties``' total, rounded (formula on ``HealthMonitor``).
    public var score: Int
    /// What each penalty took off the score.
    public var penalties: ScorePenalties
    /// The figures the score, alerts and bottleneck are computed from.
    public var figures: HealthFigures
    /// The stage that limits throughput or adds the most latency; `nil` when healthy and idle.
    public var bottleneck: Bottleneck?
    /// The alerts active after this sample, in ``AlertMetric`` order.
    public var alerts: [Alert]
    /// The alerts raised or cleared by this sample, in ``AlertMetric`` order.
    public var transitions: [AlertTransition]
    /// What an operator could do, most important first; empty when nothing needs doing.
    public var recommendations: [String]

    /// An assessment with the given parts (the monitor makes these; reports' tests can too).
    public init(
        time: Duration,
        score: Int,
        penalties: ScorePenalties,
        figures: HealthFigures,
        bottleneck: Bottleneck?,
        alerts: [Alert],
        transitions: [AlertTransition],
        recommendations: [String]
    ) {
        self.time = time
        self.score = score
        self.penalties = penalties
        self.figures = figures
        self.bottleneck = bottleneck
        self.alerts = alerts
        self.transitions = transitions
        self.recommendations = recommendations
    }
}

/// The four penalties of the health score, in points; see ``HealthMonitor`` for how each is computed.
public struct ScorePenalties: Sendable, Hashable {
    /// p99 latency over its limit, at most 30.
    public var latency: Double
    /// Throughput under its minimum while the minimum applies, at most 25.
    public var throughput: Double
    /// Error rate over its limit, at most 25.
    public var errors: Double
    /// Backlog growing against throughput, at most 20.
    public var backlog: Double

    /// Penalties with the given points.
    public init(latency: Double, throughput: Double, errors: Double, backlog: Double) {
        self.latency = latency
        self.throughput = throughput
        self.errors = errors
        self.backlog = backlog
    }

    /// The sum of the four penalties, 0 to 100.
    public var total: Double { latency + throughput + errors + backlog }
}

/// The pipeline-wide figures of one sample, as ``HealthMonitor`` defines them.
public struct HealthFigures: Sendable, Hashable {
    /// p99 latency in milliseconds: end to end if measured, else the sum of the stages' p99.
    public var latencyP99Ms: Double
    /// Events stored per second (by the most downstream reporting stage if storage is not reporting).
    public var throughput: Double
    /// Events per second arriving at the first stage: what it finished or failed plus its queue's growth.
    public var arrivals: Double
    /// Events per second the pipeline was asked to deliver: ``arrivals`` plus the backlog spread over the storage
    /// window.
    public var demand: Double
    /// Whether the throughput minimum applies: demand is at least the minimum.
    public var throughputMinimumApplies: Bool
    /// The highest stage error rate in percent.
    public var errorRatePercent: Double
    /// The stage with that error rate, `nil` without errors.
    public var errorStage: PipelineStage?
    /// Events in the pipeline not yet stored.
    public var backlog: Int
    /// The backlog's change since the previous sample (0 for the first sample).
    public var backlogGrowth: Int
    /// The Kafka consumer lag.
    public var consumerLag: Int

    /// Figures with the given values.
    public init(
        latencyP99Ms: Double,
        throughput: Double,
        arrivals: Double,
        demand: Double,
        throughputMinimumApplies: Bool,
        errorRatePercent: Double,
        errorStage: PipelineStage?,
        backlog: Int,
        backlogGrowth: Int,
        consumerLag: Int
    ) {
        self.latencyP99Ms = latencyP99Ms
        self.throughput = throughput
        self.arrivals = arrivals
        self.demand = demand
        self.throughputMinimumApplies = throughputMinimumApplies
        self.errorRatePercent = errorRatePercent
        self.errorStage = errorStage
        self.backlog = backlog
        self.backlogGrowth = backlogGrowth
        self.consumerLag = consumerLag
    }
}

/// The stage that limits the pipeline, with the numbers that show it.
public struct Bottleneck: Sendable, Hashable {
    /// Why the stage was picked.
    public enum Reason: String, Sendable, Hashable, Codable {
        /// Its queue is building: it limits throughput.
        case queue
        /// No queue is building, and it has the largest p99 latency: it adds the most latency.
        case latency
        /// Nothing flows and no queue builds, but it fails the largest share of its attempts.
        case errors
    }

    /// The stage.
    public var stage: PipelineStage
    /// Why it was picked.
    public var reason: Reason
    /// A sentence with the numbers, for example
    /// `storage: 2,300 events waiting, p99 180 ms, 12,000/s in vs 8,000/s out`.
    public var evidence: String

    /// A bottleneck with the given parts.
    public init(stage: PipelineStage, reason: Reason, evidence: String) {
        self.stage = stage
        self.reason = reason
        self.evidence = evidence
    }
}
