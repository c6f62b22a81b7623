/// The `iqfeed` section: where IQConnect listens and the login it uses.
public struct IQFeedSettings: Sendable, Codable, Hashable {
    /// IQConnect's host; default `127.0.0.1`.
    public var host: String
    /// IQConnect's Level 1 port; default 5009 (Level 2 is 9200).
    public var port: Int
    /// The IQFeed login, if the pipeline logs in; default none. May be `${NAME}`.
    public var username: String?
    /// The IQFeed password; default none. May be `${NAME}`; never shown.
    public var password: Secret?

    /// Settings with the given values; each defaults to the value documented on its property.
    public init(host: String = "127.0.0.1", port: Int = 5009, username: String? = nil, password: Secret? = nil) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case host, port, username, password
    }

    /// Decodes the section, each key optional, with the same checks as loading a configuration file.
    public init(from decoder: any Decoder) throws {
        self = try ConfigurationReader<CodingKeys>.decode(from: decoder, Self.init(reading:))
    }

    init(reading reader: ConfigurationReader<CodingKeys>) throws(ConfigurationError) {
        let defaults = IQFeedSettings()
        host = try reader.string(.host, expected: "a host name", where: isHostName) ?? defaults.host
        port = try reader.integer(.port, expected: portExpectation, where: isPort) ?? defaults.port
        username = try reader.string(.username)
        password = try reader.secret(.password)
    }
}

/// Kafka producer compression, as librdkafka's `compression.type` names it.
public enum KafkaCompression: String, Sendable, Codable, Hashable, CaseIterable {
    /// No compression.
    case none
    /// gzip.
    case gzip
    /// Snappy.
    case snappy
    /// LZ4, the harness's default.
    case lz4
    /// Zstandard.
    case zstd
}

/// The `kafka` section: the cluster and the producer's batching.
public struct KafkaSettings: Sendable, Codable, Hashable {
    /// Comma-separated `host:port` list of brokers; default `localhost:9092`.
    public var bootstrapServers: String
    /// Producer compression; default ``KafkaCompression/lz4``.
    public var compressionType: KafkaCompression
    /// The producer's batch size in bytes; default 16384. At least 1.
    public var batchSize: Int
    /// How long the producer waits to fill a batch, in milliseconds; default 5. At least 0.
    public var lingerMs: Double

    /// Settings with the given values; each defaults to the value documented on its property.
    public init(
        bootstrapServers: String = "localhost:9092",
        compressionType: KafkaCompression = .lz4,
        batchSize: Int = 16384,
        lingerMs: Double = 5
    ) {
        self.bootstrapServers = bootstrapServers
        self.compressionType = compressionType
        self.batchSize = batchSize
        self.lingerMs = lingerMs
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case bootstrapServers = "bootstrap_servers"
        case compressionType = "compression_type"
        case batchSize = "batch_size"
        case lingerMs = "linger_ms"
    }

    /// Decodes the section, each key optional, with the same checks as loading a configuration file.
    public init(from decoder: any Decoder) throws {
        self = try ConfigurationReader<CodingKeys>.decode(from: decoder, Self.init(reading:))
    }

    init(reading reader: ConfigurationReader<CodingKeys>) throws(ConfigurationError) {
        let defaults = KafkaSettings()
        bootstrapServers =
            try reader.string(
                .bootstrapServers,
                expected: "a comma-separated list of host:port",
                where: { !$0.isEmpty }
            )
            ?? defaults.bootstrapServers
        let compressions = KafkaCompression.allCases.map(\.rawValue)
        compressionType =
            try reader.string(
                .compressionType,
                expected: "one of " + compressions.joined(separator: ", "),
                where: compressions.contains
            ).flatMap(KafkaCompression.init(rawValue:)) ?? defaults.compressionType
        batchSize =
            try reader.integer(.batchSize, expected: "a whole number of bytes (1 or more)") { $0 >= 1 }
            ?? defaults.batchSize
        lingerMs =
            try reader.number(.lingerMs, expected: "a number of milliseconds (0 or more)") { $0 >= 0 }
            ?? defaults.lingerMs
    }
}

/// The `clickhouse` section: the ClickHouse server the sink writes to over HTTP.
public struct ClickHouseSettings: Sendable, Codable, Hashable {
    /// The server's host; default `localhost`.
    public var host: String
    /// The server's HTTP port; default 8123.
    public var port: Int
    /// The database; default `default`.
    public var database: String
    /// The user; default `default`. May be `${NAME}`.
    public var username: String
    /// The user's password; default none. May be `${NAME}`; never shown.
    public var password: Secret?

    /// Settings with the given values; each defaults to the value documented on its property.
    public init(
        host: String = "localhost",
        port: Int = 8123,
        database: String = "default",
        username: String = "default",
        password: Secret? = nil
    ) {
        self.host = host
        self.port = port
        self.database = database
        self.username = username
        self.password = password
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case host, port, database, username, password
    }

    /// Decodes the section, each key optional, with the same checks as loading a configuration file.
    public init(from decoder: any Decoder) throws {
        self = try ConfigurationReader<CodingKeys>.decode(from: decoder, Self.init(reading:))
    }

    init(reading reader: ConfigurationReader<CodingKeys>) throws(ConfigurationError) {
        let defaults = ClickHouseSettings()
        host = try reader.string(.host, expected: "a host name", where: isHostName) ?? defaults.host
        port = try reader.integer(.port, expected: portExpectation, where: isPort) ?? defaults.port
        database =
            try reader.string(.database, expected: "a database name", where: { !$0.isEmpty }) ?? defaults.database
        username = try reader.string(.username) ?? defaults.username
        password = try reader.secret(.password)
    }
}

/// The `performance` section.
public struct PerformanceSettings: Sendable, Codable, Hashable {
    /// How long starting the pipeline's parts may take before start-up fails, in seconds; default 30. Above 0, at
    /// most 86400 (a day).
    public var startupTimeoutSeconds: Double

    /// Settings with the given values; each defaults to the value documented on its property.
    public init(startupTimeoutSeconds: Double = 30) {
        self.startupTimeoutSeconds = startupTimeoutSeconds
    }

    /// ``startupTimeoutSeconds`` as a duration.
    public var startupTimeout: Duration {
        .nanoseconds(Int64((startupTimeoutSeconds * 1e9).rounded()))
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case startupTimeoutSeconds = "startup_timeout_seconds"
    }

    /// Decodes the section, each key optional, with the same checks as loading a configuration file.
    public init(from decoder: any Decoder) throws {
        self = try ConfigurationReader<CodingKeys>.decode(from: decoder, Self.init(reading:))
    }

    init(reading reader: ConfigurationReader<CodingKeys>) throws(ConfigurationError) {
        startupTimeoutSeconds =
            try reader.number(.startupTimeoutSeconds, expected: "a number of seconds (above 0, at most 86400)") {
                $0 > 0 && $0 <= 86_400
            } ?? PerformanceSettings().startupTimeoutSeconds
    }
}

/// The `alerts` section: the health monitor's thresholds.
public struct AlertSettings: Sendable, Codable, Hashable {
    /// The thresholds (`alert_thresholds`); by default those documented on ``AlertThresholds``.
    public var alertThresholds: AlertThresholds

    /// Settings with the given thresholds.
    public init(alertThresholds: AlertThresholds = AlertThresholds()) {
        self.alertThresholds = alertThresholds
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case alertThresholds = "alert_thresholds"
    }

    /// Decodes the section, each key optional, with the same checks as loading a configuration file.
    public init(from decoder: any Decoder) throws {
        self = try ConfigurationReader<CodingKeys>.decode(from: decoder, Self.init(reading:))
    }

    init(reading reader: ConfigurationReader<CodingKeys>) throws(ConfigurationError) {
        alertThresholds =
            try reader.section(.alertThresholds, keys: AlertThresholds.CodingKeys.self, AlertThresholds.init(reading:))
            ?? AlertThresholds()
    }
}

private let portExpectation = "a port number (1 to 65535)"

private func isPort(_ port: Int) -> Bool {
    (1...65_535).contains(port)
}

private func isHostName(_ host: String) -> Bool {
    !host.isEmpty && !host.contains(where: \.isWhitespace)
}
