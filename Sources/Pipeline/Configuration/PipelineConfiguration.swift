/// The pipeline's configuration, compatible with the JSON file operators already have
/// (`config/pipeline_config.json`, DESIGN.md "Configuration").
///
/// ```json
/// {
///   "symbols": ["AAPL", "MSFT"],
///   "iqfeed": { "host": "127.0.0.1", "port": 5009, "username": "${IQFEED_USER}",
///               "password": "${IQFEED_PASSWORD}" },
///   "kafka": { "bootstrap_servers": "localhost:9092", "compression_type": "lz4", "batch_size": 16384,
///              "linger_ms": 5 },
///   "clickhouse": { "host": "localhost", "port": 8123, "database": "default", "username": "default",
///                   "password": "${CLICKHOUSE_PASSWORD}" },
///   "performance": { "startup_timeout_seconds": 30 },
///   "alerts": { "alert_thresholds": { "latency_max_ms": 500, "throughput_min_msg_per_sec": 100,
///                                     "error_rate_max_percent": 1, "health_score_min": 70 } }
/// }
/// ```
///
/// Every section and every key is optional and has the default documented on its property; `null` counts as
/// absent. The file is shared with the existing pipeline, so keys this harness does not know are ignored and
/// listed in ``warnings``. Any string setting may be `${NAME}`, read from the environment by
/// ``load(path:environment:)``; passwords are ``Secret``s and never show in ``description``,
/// ``redactedDescription``, errors or encoded JSON.
public struct PipelineConfiguration: Sendable, Codable, Equatable, CustomStringConvertible {
    /// The symbols to watch; default none (every symbol of a capture when replaying). Each is non-empty.
    public var symbols: [String]
    /// The `iqfeed` section.
    public var iqfeed: IQFeedSettings
    /// The `kafka` section.
    public var kafka: KafkaSettings
    /// The `clickhouse` section.
    public var clickhouse: ClickHouseSettings
    /// The `performance` section.
    public var performance: PerformanceSettings
    /// The `alerts` section.
    public var alerts: AlertSettings
    /// What loading noticed without failing, one sentence each, such as `unknown key kafka.acks ignored`; sorted
    /// by key path within a section. Not encoded.
    public internal(set) var warnings: [String]

    /// A configuration with the given sections, each defaulting to its defaults, and no warnings.
    public init(
        symbols: [String] = [],
        iqfeed: IQFeedSettings = IQFeedSettings(),
        kafka: KafkaSettings = KafkaSettings(),
        clickhouse: ClickHouseSettings = ClickHouseSettings(),
        performance: PerformanceSettings = PerformanceSettings(),
        alerts: AlertSettings = AlertSettings()
    ) {
        self.symbols = symbols
        self.iqfeed = iqfeed
        self.kafka = kafka
        self.clickhouse = clickhouse
        self.performance = performance
        self.alerts = alerts
        warnings = []
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case symbols, iqfeed, kafka, clickhouse, performance, alerts
    }

    /// Decodes a configuration with the same checks as ``load(path:environment:)``, but without resolving
    /// `${NAME}` references (they stay as written); unknown keys are listed in ``warnings``.
    public init(from decoder: any Decoder) throws {
        self = try ConfigurationReader<CodingKeys>.decode(from: decoder, Self.init(reading:))
    }

    init(reading reader: ConfigurationReader<CodingKeys>) throws(ConfigurationError) {
        let defaults = PipelineConfiguration()
        let symbols = try reader.strings(.symbols, expected: "a symbol such as \"AAPL\"") {
            !$0.isEmpty && !$0.contains(where: { $0.isWhitespace || $0 == "," })
        }
        self.init(
            symbols: symbols ?? defaults.symbols,
            iqfeed: try reader.section(.iqfeed, keys: IQFeedSettings.CodingKeys.self, IQFeedSettings.init(reading:))
                ?? defaults.iqfeed,
            kafka: try reader.section(.kafka, keys: KafkaSettings.CodingKeys.self, KafkaSettings.init(reading:))
                ?? defaults.kafka,
            clickhouse: try reader.section(
                .clickhouse,
                keys: ClickHouseSettings.CodingKeys.self,
                ClickHouseSettings.init(reading:)
            ) ?? defaults.clickhouse,
            performance: try reader.section(
                .performance,
                keys: PerformanceSettings.CodingKeys.self,
                PerformanceSettings.init(reading:)
            ) ?? defaults.performance,
            alerts: try reader.section(.alerts, keys: AlertSettings.CodingKeys.self, AlertSettings.init(reading:))
                ?? defaults.alerts
        )
        warnings = reader.diagnostics.warnings
    }

    /// The configuration for logs and reports, one section a line, with passwords shown only as set or not.
    public var redactedDescription: String {
        let symbolList: String = symbols.isEmpty ? "all" : symbols.joined(separator: ", ")
        let iqfeedPassword: String = iqfeed.password?.redactedSummary ?? "not set"
        let iqfeedLine: String =
            "iqfeed: \(iqfeed.host):\(iqfeed.port), username \(iqfeed.username ?? "none"), password \(iqfeedPassword)"
        let kafkaLine: String =
            "kafka: \(kafka.bootstrapServers), compression \(kafka.compressionType.rawValue), "
            + "batch_size \(kafka.batchSize), linger_ms \(plain(kafka.lingerMs))"
        let clickhousePassword: String = clickhouse.password?.redactedSummary ?? "not set"
        let clickhouseLine: String =
            "clickhouse: \(clickhouse.host):\(clickhouse.port), database \(clickhouse.database), "
            + "username \(clickhouse.username), password \(clickhousePassword)"
        let thresholds = alerts.alertThresholds
        let alertsLine: String =
            "alerts: latency_max_ms \(plain(thresholds.latencyMaxMs)), "
            + "throughput_min_msg_per_sec \(plain(thresholds.throughputMinMsgPerSec)), "
            + "error_rate_max_percent \(plain(thresholds.errorRateMaxPercent)), "
            + "health_score_min \(thresholds.healthScoreMin)"
        let lines: [String] = [
            "symbols: \(symbolList)",
            iqfeedLine,
            kafkaLine,
            clickhouseLine,
            "performance: startup_timeout_seconds \(plain(performance.startupTimeoutSeconds))",
            alertsLine,
        ]
        return lines.joined(separator: "\n")
    }

    /// The same as ``redactedDescription``: printing a configuration never shows a password.
    public var description: String { redactedDescription }
}

/// A number as written in a configuration file: `5` rather than `5.0`.
private func plain(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 {
        return String(Int64(value))
    }
    return String(value)
}
