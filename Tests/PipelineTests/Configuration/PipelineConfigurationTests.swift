import Foundation
import Testing

@testable import Pipeline

@Suite("PipelineConfiguration loading")
struct PipelineConfigurationTests {
    static let fullFile = """
        {
          "symbols": ["AAPL", "MSFT"],
          "iqfeed": { "host": "10.1.2.3", "port": 5009, "username": "${IQFEED_USER}",
                      "password": "${IQFEED_PASSWORD}" },
          "kafka": { "bootstrap_servers": "k1:9092,k2:9092", "compression_type": "zstd", "batch_size": 65536,
                     "linger_ms": 2.5 },
          "clickhouse": { "host": "ch", "port": 8443, "database": "market_data", "username": "writer",
                          "password": "${CLICKHOUSE_PASSWORD}" },
          "performance": { "startup_timeout_seconds": 45 },
          "alerts": { "alert_thresholds": { "latency_max_ms": 250, "throughput_min_msg_per_sec": 1000,
                                            "error_rate_max_percent": 0.5, "health_score_min": 80 } }
        }
        """

    static let environment = [
        "IQFEED_USER": "trader",
        "IQFEED_PASSWORD": "iq-s3cret-pass",
        "CLICKHOUSE_PASSWORD": "ch-s3cret-pass",
    ]

    @Test("every section is read, and ${NAME} strings come from the environment")
    func fullFile() throws {
        let file = try ConfigurationFile(Self.fullFile)
        let configuration = try file.load(environment: Self.environment)
        #expect(configuration.symbols == ["AAPL", "MSFT"])
        #expect(
            configuration.iqfeed
                == IQFeedSettings(
                    host: "10.1.2.3",
                    port: 5009,
                    username: "trader",
                    password: Secret("iq-s3cret-pass", environmentVariable: "IQFEED_PASSWORD")
                )
        )
        #expect(
            configuration.kafka
                == KafkaSettings(
                    bootstrapServers: "k1:9092,k2:9092",
                    compressionType: .zstd,
                    batchSize: 65536,
                    lingerMs: 2.5
                )
        )
        #expect(configuration.clickhouse.host == "ch")
        #expect(configuration.clickhouse.port == 8443)
        #expect(configuration.clickhouse.database == "market_data")
        #expect(configuration.clickhouse.username == "writer")
        #expect(configuration.clickhouse.password?.value == "ch-s3cret-pass")
        #expect(configuration.performance.startupTimeoutSeconds == 45)
        #expect(configuration.performance.startupTimeout == .seconds(45))
        #expect(
            configuration.alerts.alertThresholds
                == AlertThresholds(
                    latencyMaxMs: 250,
                    throughputMinMsgPerSec: 1000,
                    errorRateMaxPercent: 0.5,
                    healthScoreMin: 80
                )
        )
        #expect(configuration.warnings.isEmpty)
    }

    @Test("an empty object, missing sections, missing keys and nulls all give the defaults")
    func defaults() throws {
        let empty = try ConfigurationFile("{}").load()
        #expect(empty == PipelineConfiguration())
        #expect(empty.symbols.isEmpty)
        #expect(empty.iqfeed == IQFeedSettings(host: "127.0.0.1", port: 5009, username: nil, password: nil))
        #expect(
            empty.kafka
                == KafkaSettings(
                    bootstrapServers: "localhost:9092",
                    compressionType: .lz4,
                    batchSize: 16384,
                    lingerMs: 5
                )
        )
        #expect(
            empty.clickhouse
                == ClickHouseSettings(
                    host: "localhost",
                    port: 8123,
                    database: "default",
                    username: "default",
                    password: nil
                )
        )
        #expect(empty.performance.startupTimeoutSeconds == 30)
        #expect(
            empty.alerts.alertThresholds
                == AlertThresholds(
                    latencyMaxMs: 500,
                    throughputMinMsgPerSec: 100,
                    errorRateMaxPercent: 1,
                    healthScoreMin: 70
                )
        )
        let partial = try ConfigurationFile(
            #"{"kafka": {"linger_ms": 0}, "iqfeed": null, "clickhouse": {"port": null}}"#
        )
        .load()
        #expect(partial.kafka == KafkaSettings(lingerMs: 0))
        #expect(partial.iqfeed == IQFeedSettings())
        #expect(partial.clickhouse == ClickHouseSettings())
    }

    @Test("unknown keys from the shared pipeline file are tolerated and listed as warnings")
    func unknownKeys() throws {
        let file = try ConfigurationFile(
            """
            {
              "storage": { "path": "/data" },
              "log_level": "debug",
              "kafka": { "acks": "all", "linger_ms": 1, "topic": "raw" },
              "alerts": { "email": "ops@example.com",
                          "alert_thresholds": { "latency_max_ms": 300, "memory_max_mb": 512 } }
            }
            """
        )
        let configuration = try file.load()
        #expect(configuration.kafka.lingerMs == 1)
        #expect(configuration.alerts.alertThresholds.latencyMaxMs == 300)
        #expect(
            configuration.warnings == [
                "unknown key log_level ignored",
                "unknown key storage ignored",
                "unknown key kafka.acks ignored",
                "unknown key kafka.topic ignored",
                "unknown key alerts.email ignored",
                "unknown key alerts.alert_thresholds.memory_max_mb ignored",
            ]
        )
    }

    @Test("any string setting may come from the environment; other strings are kept as written")
    func environmentStrings() throws {
        let file = try ConfigurationFile(
            #"{"symbols": ["${FIRST_SYMBOL}", "MSFT"], "kafka": {"bootstrap_servers": "${BROKERS}"}, "#
                + #""clickhouse": {"database": "${db"}}"#
        )
        let configuration = try file.load(environment: ["FIRST_SYMBOL": "AAPL", "BROKERS": "b:9092"])
        #expect(configuration.symbols == ["AAPL", "MSFT"])
        #expect(configuration.kafka.bootstrapServers == "b:9092")
        #expect(configuration.clickhouse.database == "${db")
        #expect(configuration.clickhouse.password == nil)
    }

    @Test("a secret written in the file is kept, and shown only as set")
    func literalSecret() throws {
        let file = try ConfigurationFile(#"{"clickhouse": {"password": "plain-pass"}}"#)
        let configuration = try file.load()
        #expect(configuration.clickhouse.password == Secret("plain-pass"))
        #expect(configuration.clickhouse.password?.environmentVariable == nil)
        #expect(configuration.redactedDescription.contains("password set\n"))
    }

    @Test("redactedDescription shows every section on its own line")
    func redactedDescription() throws {
        let configuration = try ConfigurationFile(Self.fullFile).load(environment: Self.environment)
        #expect(
            configuration.redactedDescription == """
                symbols: AAPL, MSFT
                iqfeed: 10.1.2.3:5009, username trader, password set (from $IQFEED_PASSWORD)
                kafka: k1:9092,k2:9092, compression zstd, batch_size 65536, linger_ms 2.5
                clickhouse: ch:8443, database market_data, username writer, password set (from $CLICKHOUSE_PASSWORD)
                performance: startup_timeout_seconds 45
                alerts: latency_max_ms 250, throughput_min_msg_per_sec 1000, error_rate_max_percent 0.5, \
                health_score_min 80
                """
        )
        #expect(
            PipelineConfiguration().redactedDescription.hasPrefix(
                "symbols: all\niqfeed: 127.0.0.1:5009, username none, password not set\n"
            )
        )
    }

    @Test("passwords never appear in description, redactedDescription, reflection, dump or encoded JSON")
    func passwordsNeverShow() throws {
        var configuration = try ConfigurationFile(Self.fullFile).load(environment: Self.environment)
        configuration.iqfeed.password = Secret("literal-s3cret-pass")
        var dumped = ""
        dump(configuration, to: &dumped)
        let encoded = String(decoding: try JSONEncoder().encode(configuration), as: UTF8.self)
        let texts = [
            configuration.description,
            configuration.redactedDescription,
            "\(configuration)",
            String(reflecting: configuration),
            String(describing: configuration.clickhouse),
            String(reflecting: configuration.clickhouse),
            "\(configuration.clickhouse.password!)",
            dumped,
            encoded,
        ]
        for text in texts {
            #expect(!text.contains("s3cret"), "\(text)")
        }
        #expect(encoded.contains(#""password":"${CLICKHOUSE_PASSWORD}""#))
        #expect(encoded.contains(#""password":"********""#))
    }

    @Test("Codable decoding checks values the same way and keeps ${NAME} as written")
    func codable() throws {
        let json = #"{"kafka": {"compression_type": "gzip"}, "clickhouse": {"password": "${CH}"}, "extra": 1}"#
        let configuration = try JSONDecoder().decode(PipelineConfiguration.self, from: Data(json.utf8))
        #expect(configuration.kafka.compressionType == .gzip)
        #expect(configuration.clickhouse.password?.value == "${CH}")
        #expect(configuration.warnings == ["unknown key extra ignored"])
        let bad = #"{"kafka": {"batch_size": "big"}}"#
        let error = #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(PipelineConfiguration.self, from: Data(bad.utf8))
        }
        guard case .dataCorrupted(let context) = error else {
            Issue.record("expected dataCorrupted, got \(String(describing: error))")
            return
        }
        #expect(
            context.debugDescription
                == #"configuration: kafka.batch_size: expected a whole number of bytes (1 or more), found "big""#
        )
        #expect(
            context.underlyingError as? ConfigurationError
                == ConfigurationError(
                    file: "",
                    kind: .invalidValue(
                        keyPath: "kafka.batch_size",
                        expected: "a whole number of bytes (1 or more)",
                        found: #""big""#
                    )
                )
        )
    }

    @Test("alert thresholds decode and encode with their JSON keys")
    func alertThresholdsKeys() throws {
        let json = #"{"latency_max_ms": 200, "health_score_min": 90}"#
        let thresholds = try JSONDecoder().decode(AlertThresholds.self, from: Data(json.utf8))
        #expect(thresholds == AlertThresholds(latencyMaxMs: 200, healthScoreMin: 90))
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let encoded = String(decoding: try encoder.encode(AlertThresholds()), as: UTF8.self)
        #expect(
            encoded
                == #"{"error_rate_max_percent":1,"health_score_min":70,"#
                + #""latency_max_ms":500,"throughput_min_msg_per_sec":100}"#
        )
    }
}
