/// What an alert watches; each has its threshold in ``AlertThresholds``.
public enum AlertMetric: String, Sendable, Hashable, Codable, CaseIterable {
    /// p99 end-to-end latency in milliseconds, against ``AlertThresholds/latencyMaxMs``.
    case latency
    /// Events stored per second, against ``AlertThresholds/throughputMinMsgPerSec``.
    case throughput
    /// The highest stage error rate in percent, against ``AlertThresholds/errorRateMaxPercent``.
    case errorRate = "error_rate"
    /// The health score, against ``AlertThresholds/healthScoreMin``.
    case healthScore = "health_score"

    /// The metric's name for people.
    public var title: String {
        switch self {
        case .latency: "p99 latency"
        case .throughput: "throughput"
        case .errorRate: "error rate"
        case .healthScore: "health score"
        }
    }

    /// `value` in the metric's unit: `750 ms`, `8,000/s`, `2.5%`, `62`.
    public func format(_ value: Double) -> String {
        switch self {
        case .latency: Formatting.milliseconds(value)
        case .throughput: Formatting.rate(value)
        case .errorRate: Formatting.percent(value)
        case .healthScore: Formatting.decimals(value, places: 0)
        }
    }
}

/// An alert that is active: its metric breached its threshold and has not yet been back within it long enough.
public struct Alert: Sendable, Hashable, CustomStringConvertible {
    /// What is watched.
    public var metric: AlertMetric
    /// The threshold, in the metric's unit.
    public var threshold: Double
    /// The value in the latest sample, in the metric's unit.
    public var observed: Double
    /// When the alert was raised (time since the run started).
    public var raisedAt: Duration

    /// An alert with the given figures.
    public init(metric: AlertMetric, threshold: Double, observed: Double, raisedAt: Duration) {
        self.metric = metric
        self.threshold = threshold
        self.observed = observed
        self.raisedAt = raisedAt
    }

    /// `p99 latency alert since 12 s (750 ms; limit 500 ms)`.
    public var description: String {
        "\(metric.title) alert since \(Formatting.seconds(raisedAt)) "
            + "(\(metric.format(observed)); limit \(metric.format(threshold)))"
    }
}

/// An alert raised or cleared by one evaluation; the caller logs it and reports count them.
public struct AlertTransition: Sendable, Hashable, CustomStringConvertible {
    /// Whether the alert was raised or cleared.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// The metric breached its threshold.
        case raised
        /// The metric was back within its threshold for the monitor's number of consecutive samples.
        case cleared
    }

    /// Raised or cleared.
    public var kind: Kind
    /// What is watched.
    public var metric: AlertMetric
    /// The threshold, in the metric's unit.
    public var threshold: Double
    /// The value that caused the transition, in the metric's unit.
    public var observed: Double
    /// The sample's time (time since the run started).
    public var time: Duration

    /// A transition with the given figures.
    public init(kind: Kind, metric: AlertMetric, threshold: Double, observed: Double, time: Duration) {
        self.kind = kind
        self.metric = metric
        self.threshold = threshold
        self.observed = observed
        self.time = time
    }

    /// `p99 latency alert raised at 12 s (750 ms; limit 500 ms)`.
    public var description: String {
        "\(metric.title) alert \(kind.rawValue) at \(Formatting.seconds(time)) "
            + "(\(metric.format(observed)); limit \(metric.format(threshold)))"
    }
}
