/// A k6-style threshold: a metric and the conditions its value must meet, e.g. `e2e_latency_ms: ["p99 < 500"]`.
public struct Threshold: Sendable, Hashable {
    /// The metrics a threshold may name. A name not in this list is refused (k6 passes a threshold on a mistyped
    /// metric silently).
    public static let metrics = [
        "e2e_latency_ms", "stage_latency_ms.ingestion", "stage_latency_ms.kafka", "stage_latency_ms.processing",
        "stage_latency_ms.storage", "throughput_msg_s", "error_rate_pct", "health_score", "recovery_s",
        "consumer_lag",
    ]

    /// Which part of the run a threshold judges, written k6 style after the metric: `consumer_lag{after:fault}`.
    public enum Window: String, Sendable, Hashable, CaseIterable {
        /// Only while a fault is active.
        case duringFaults = "{during:fault}"
        /// Only from a fault's end until the next fault starts (or the run ends).
        case afterFaults = "{after:fault}"
    }

    /// Every key a scenario's `thresholds:` may use: each metric, alone or with a window.
    public static let keys = metrics.flatMap { metric in [metric] + Window.allCases.map { metric + $0.rawValue } }

    /// `consumer_lag{after:fault}` → (`consumer_lag`, `.afterFaults`); a key of ``keys``.
    static func split(_ key: String) -> (metric: String, window: Window?) {
        for window in Window.allCases where key.hasSuffix(window.rawValue) {
            return (String(key.dropLast(window.rawValue.count)), window)
        }
        return (key, nil)
    }

    /// How the metric's samples are reduced to one value. A condition without one uses ``last``.
    public enum Aggregation: String, Sendable, Hashable, CaseIterable {
        case p50, p90, p95, p99, max, min, avg, last
    }

    /// How the value is compared with the limit.
    public enum Comparison: String, Sendable, Hashable, CaseIterable {
        case less = "<"
        case lessOrEqual = "<="
        case greater = ">"
        case greaterOrEqual = ">="
        case equal = "=="

        /// Whether `value` passes against `limit`.
        public func holds(_ value: Double, _ limit: Double) -> Bool {
            switch self {
            case .less: value < limit
            case .lessOrEqual: value <= limit
            case .greater: value > limit
            case .greaterOrEqual: value >= limit
            case .equal: value == limit
            }
        }
    }

    /// One condition, e.g. `p99 < 500`.
    public struct Condition: Sendable, Hashable, CustomStringConvertible {
        public var aggregation: Aggregation
        public var comparison: Comparison
        public var limit: Double

        /// Reads `[aggregation] comparison number`; `nil` if it is not one.
        public init?(_ text: String) {
            let words = text.split(separator: " ").map(String.init)
            let parts = words.count == 3 ? words : (words.count == 2 ? ["last"] + words : [])
            guard parts.count == 3, let aggregation = Aggregation(rawValue: parts[0]),
                let comparison = Comparison(rawValue: parts[1]), let limit = Double(parts[2]), limit.isFinite
            else { return nil }
            self.aggregation = aggregation
            self.comparison = comparison
            self.limit = limit
        }

        public var description: String { "\(aggregation.rawValue) \(comparison.rawValue) \(limit)" }
    }

    public var metric: String
    public var conditions: [Condition]
    /// The part of the run judged; `nil` for all of it.
    public var window: Window?

    /// A threshold on `metric` (one of ``metrics``), over `window` (`nil`: the whole run).
    public init(metric: String, conditions: [Condition], window: Window? = nil) {
        self.metric = metric
        self.conditions = conditions
        self.window = window
    }

    /// The key as written in the scenario: `e2e_latency_ms` or `e2e_latency_ms{during:fault}`.
    public var key: String { metric + (window?.rawValue ?? "") }
}
