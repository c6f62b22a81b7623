/// Settings shared by every Kafka client the harness creates.
///
/// Defaults are chosen for fast recovery from broker faults on loopback; every field maps to one librdkafka
/// property, and ``raw`` overrides anything (applied last).
public struct KafkaConfiguration: Sendable {
    /// `bootstrap.servers`: comma-separated `host:port` list, e.g. an ``EmbeddedKafkaCluster``'s.
    public var bootstrapServers: String
    /// `client.id`. Default `harness`.
    public var clientID: String = "harness"
    /// `reconnect.backoff.max.ms`. Default 500 ms (librdkafka's 10 s makes a 2 s broker outage cost 7.6 s).
    public var reconnectBackoffMax: Duration = .milliseconds(500)
    /// `socket.timeout.ms`: client-side time-out of in-flight requests. Default 10 s.
    public var socketTimeout: Duration = .seconds(10)
    /// `log_level` (syslog levels, 0-7). Default 3 (errors); librdkafka prints its own log lines to stderr.
    public var logLevel: Int = 3
    /// Any librdkafka property, applied after the typed fields, e.g. `["statistics.interval.ms": "1000"]`.
    public var raw: [String: String] = [:]

    public init(bootstrapServers: String) {
        self.bootstrapServers = bootstrapServers
    }

    var properties: [(String, String)] {
        [
            ("bootstrap.servers", bootstrapServers),
            ("client.id", clientID),
            ("reconnect.backoff.max.ms", String(reconnectBackoffMax.milliseconds)),
            ("socket.timeout.ms", String(socketTimeout.milliseconds)),
            ("log_level", String(logLevel)),
        ]
    }
}

extension Duration {
    /// Whole milliseconds, rounded down; librdkafka takes milliseconds everywhere.
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }

    /// Milliseconds clamped to `Int32`, for librdkafka calls that take an `int timeout_ms`.
    var timeoutMilliseconds: Int32 {
        Int32(clamping: milliseconds)
    }
}
