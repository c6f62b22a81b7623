/// The limits the health monitor raises alerts against; the `alerts.alert_thresholds` section of the
/// configuration.
///
/// Every key is optional in JSON; a missing one keeps its default:
///
/// | key | property | default | alert when |
/// |---|---|---|---|
/// | `latency_max_ms` | ``latencyMaxMs`` | 500 | p99 end-to-end latency is above it |
/// | `throughput_min_msg_per_sec` | ``throughputMinMsgPerSec`` | 100 | events stored per second are below it (*) |
/// | `error_rate_max_percent` | ``errorRateMaxPercent`` | 1 | a stage's error rate is above it |
/// | `health_score_min` | ``healthScoreMin`` | 70 | the health score is below it |
///
/// (*) Only while the pipeline has at least that much work, so an idle or finished source never alerts (see
/// ``HealthMonitor``).
///
/// The defaults are those of the scenarios' usual thresholds (`p99 < 500`, `min >= 100`, `< 1`, `min >= 70`).
public struct AlertThresholds: Sendable, Codable, Hashable {
    /// The highest acceptable p99 end-to-end latency in milliseconds; default 500. Greater than 0.
    public var latencyMaxMs: Double
    /// The lowest acceptable throughput in events stored per second; default 100. At least 0.
    public var throughputMinMsgPerSec: Double
    /// The highest acceptable error rate of any stage in percent of its attempts; default 1. From 0 to 100.
    public var errorRateMaxPercent: Double
    /// The lowest acceptable health score; default 70. From 0 to 100.
    public var healthScoreMin: Int

    /// Thresholds with the given values; each defaults to the value documented on the type.
    public init(
        latencyMaxMs: Double = 500,
        throughputMinMsgPerSec: Double = 100,
        errorRateMaxPercent: Double = 1,
        healthScoreMin: Int = 70
    ) {
        self.latencyMaxMs = latencyMaxMs
        self.throughputMinMsgPerSec = throughputMinMsgPerSec
        self.errorRateMaxPercent = errorRateMaxPercent
        self.healthScoreMin = healthScoreMin
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case latencyMaxMs = "latency_max_ms"
        case throughputMinMsgPerSec = "throughput_min_msg_per_sec"
        case errorRateMaxPercent = "error_rate_max_percent"
        case healthScoreMin = "health_score_min"
    }

    /// Decodes the JSON keys above, each optional, with the same checks as loading a configuration file.
    public init(from decoder: any Decoder) throws {
        self = try ConfigurationReader<CodingKeys>.decode(from: decoder, Self.init(reading:))
    }

    init(reading reader: ConfigurationReader<CodingKeys>) throws(ConfigurationError) {
        let defaults = AlertThresholds()
        latencyMaxMs =
            try reader.number(.latencyMaxMs, expected: "a number of milliseconds (above 0)") { $0 > 0 }
            ?? defaults.latencyMaxMs
        throughputMinMsgPerSec =
            try reader.number(.throughputMinMsgPerSec, expected: "a number of messages per second (0 or more)") {
                $0 >= 0
            } ?? defaults.throughputMinMsgPerSec
        errorRateMaxPercent =
            try reader.number(.errorRateMaxPercent, expected: "a percentage (0 to 100)") { (0...100).contains($0) }
            ?? defaults.errorRateMaxPercent
        healthScoreMin =
            try reader.integer(.healthScoreMin, expected: "a whole number (0 to 100)") { (0...100).contains($0) }
            ?? defaults.healthScoreMin
    }
}
