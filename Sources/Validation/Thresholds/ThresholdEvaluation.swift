/// A threshold's verdict: each condition with the value it was judged on.
public struct ThresholdEvaluation: Sendable, Hashable {
    /// One condition's outcome.
    public struct Outcome: Sendable, Hashable {
        public var condition: Threshold.Condition
        /// The aggregated value; `nil` when the metric had no samples (which fails the condition: a threshold on a
        /// metric that was never measured proves nothing).
        public var observed: Double?

        public var passed: Bool {
            observed.map { condition.comparison.holds($0, condition.limit) } ?? false
        }
    }

    /// The threshold's key: the metric and its window, as written (`consumer_lag{after:fault}`).
    public var metric: String
    public var outcomes: [Outcome]

    public var passed: Bool { outcomes.allSatisfy(\.passed) }

    /// Judges `threshold` on `samples` (the metric's values over the run, in time order).
    public init(_ threshold: Threshold, samples: [Double]) {
        metric = threshold.key
        outcomes = threshold.conditions.map { condition in
            Outcome(condition: condition, observed: Self.aggregate(samples, condition.aggregation))
        }
    }

    /// Judges `threshold` on values `aggregate` computes for each aggregation (`nil`: not measured).
    public init(_ threshold: Threshold, aggregate: (Threshold.Aggregation) -> Double?) {
        metric = threshold.key
        outcomes = threshold.conditions.map { condition in
            Outcome(condition: condition, observed: aggregate(condition.aggregation))
        }
    }

    /// `samples` reduced by `aggregation`; percentiles are nearest-rank. `nil` for no samples.
    public static func aggregate(_ samples: [Double], _ aggregation: Threshold.Aggregation) -> Double? {
        guard let last = samples.last else { return nil }
        func percentile(_ rank: Double) -> Double {
            let sorted = samples.sorted()
            let index = Int((rank / 100 * Double(sorted.count)).rounded(.up)) - 1
            return sorted[min(max(index, 0), sorted.count - 1)]
        }
        switch aggregation {
        case .p50: return percentile(50)
        case .p90: return percentile(90)
        case .p95: return percentile(95)
        case .p99: return percentile(99)
        case .max: return samples.max()
        case .min: return samples.min()
        case .avg: return samples.reduce(0, +) / Double(samples.count)
        case .last: return last
        }
    }
}
