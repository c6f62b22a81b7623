import Foundation
import Kafka

/// Everything `harness replay` needs: the capture, the pace, and which Kafka, sink and Redis to run on. The
/// defaults are the embedded ones: a 3-broker in-process Kafka, a SQLite sink in the run folder, a managed
/// `redis-server`.
public struct ReplayConfiguration: Sendable {
    /// Which Kafka to use.
    public enum KafkaChoice: Sendable, Hashable {
        /// librdkafka's mock cluster in this process.
        case embedded(brokers: Int)
        /// A real cluster at `bootstrapServers`; the replay uses its own topic and group there.
        case external(bootstrapServers: String)
    }

    /// Where processed events are stored.
    public enum SinkChoice: Sendable, Hashable {
        /// A SQLite file; `nil` = `sink.sqlite` in the run folder.
        case sqlite(path: String?)
        /// A ClickHouse server over HTTP.
        case clickhouse(ClickHouseEndpoint)
    }

    /// Which Redis holds the live state.
    public enum RedisChoice: Sendable, Hashable {
        /// A `redis-server` child on a free loopback port.
        case managed
        /// A running Redis.
        case external(host: String, port: Int, password: String?)
        /// No live state.
        case none
    }

    public var capturePath: String
    /// The run folder, created by the run; it must not exist.
    public var outputDirectory: String
    public var pace: ReplayPace = .max
    public var kafka: KafkaChoice = .embedded(brokers: 3)
    public var partitions = 6
    public var sink: SinkChoice = .sqlite(path: nil)
    public var redis: RedisChoice = .managed
    /// Processors run in this process. 0 leaves processing to `harness replay --role processor` elsewhere.
    public var processors = 1
    /// Events published but not yet stored the source may run ahead by. The default keeps each of 6 partitions
    /// well under the embedded cluster's retention (about 5 MiB per partition).
    public var window: Int64 = 100_000
    /// How long to wait for every part to start (and for processors to get their partitions).
    public var startupTimeout: Duration = .seconds(60)
    /// After the source ends, how long the pipeline may go without storing anything before the run gives up.
    public var stallTimeout: Duration = .seconds(60)
    /// Producer settings beyond the bootstrap servers (linger, compression...).
    public var lingerMs = 5
    /// Faults injected into the run's sinks while it runs (`sink.fail`, `sink.slow`); `nil` for none.
    public var sinkFaults: SinkFaults?
    /// Faults injected at the source while it runs (`feed.*`); `nil` for none.
    public var sourceFaults: SourceFaults?
    /// Faults injected into the run's tracing (`trace.lose`); `nil` for none.
    public var traceFaults: TraceFaults?
    /// Called with each `seq` before the source publishes it (a scenario's `at_event` faults).
    public var beforeEvent: (@Sendable (Int64) -> Void)?
    /// Whether events carry a `traceparent` and every delivery is written to the run database, and the run is audited
    /// at the end. Only the overhead benchmark turns it off: without it nothing can be checked.
    public var tracing = true
    /// The health monitor's alert thresholds (the `alerts.alert_thresholds` of the pipeline configuration).
    public var thresholds = AlertThresholds()
    /// Raw topic name; `nil` = `md.raw` on the embedded cluster, `harness.<run id>.md.raw` on a real one.
    public var topic: String?
    /// Consumer group; `nil` = `harness-processors` on the embedded cluster, `harness-<run id>` on a real one.
    public var groupID: String?

    public init(capturePath: String, outputDirectory: String) {
        self.capturePath = capturePath
        self.outputDirectory = outputDirectory
    }

    /// The default run folder: `reports/<capture name>-<UTC time>` under `base`.
    public static func defaultOutputDirectory(capturePath: String, base: String, now: Date = Date()) -> String {
        let name = URL(fileURLWithPath: capturePath).deletingPathExtension().lastPathComponent
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return URL(fileURLWithPath: base).appendingPathComponent("reports")
            .appendingPathComponent("\(name)-\(formatter.string(from: now))").path
    }
}

/// A ClickHouse server's HTTP endpoint and credentials.
public struct ClickHouseEndpoint: Sendable, Hashable {
    public var host: String
    public var port: Int
    public var database: String
    public var user: String?
    public var password: String?

    public init(host: String, port: Int, database: String = "default", user: String? = nil, password: String? = nil) {
        self.host = host
        self.port = port
        self.database = database
        self.user = user
        self.password = password
    }
}
