import Pipeline
import Redis

/// What a scenario runs around the pipeline so its faults can reach it: the managed `redis-server` (which
/// `redis.down` kills and restarts) and a ``ToxicProxy`` in front of Redis and of ClickHouse, through which the
/// pipeline connects (`redis.slow` and the `net.*` faults).
final class ScenarioSurroundings: Sendable {
    let redisServer: ManagedRedisServer?
    let proxies: [String: ToxicProxy]
    private let redisPassword: String?
    private let clickhouse: ClickHouseEndpoint?

    init(scenario: Scenario, faults: [FaultSpec], options: ScenarioRunOptions) throws(PipelineError) {
        var proxies: [String: ToxicProxy] = [:]
        var redisServer: ManagedRedisServer?
        var password: String?
        var clickhouse: ClickHouseEndpoint?
        var starting = "Redis"
        do {
            switch scenario.redis {
            case .none:
                break
            case .managed:
                let server = try ManagedRedisServer()
                redisServer = server
                password = server.password
                proxies["redis"] = try ToxicProxy(upstreamHost: server.host, upstreamPort: server.port)
            case .external(let host, let port):
                proxies["redis"] = try ToxicProxy(upstreamHost: host, upstreamPort: port)
            }
            if case .clickhouse(let host, let port) = scenario.sink {
                var endpoint = ClickHouseEndpoint(
                    host: host,
                    port: port,
                    database: options.clickhouseDatabase,
                    user: options.clickhouseUser,
                    password: options.clickhousePassword
                )
                if faults.contains(where: { FaultParameters($0.parameters).text("target") == "clickhouse" }) {
                    starting = "the proxy in front of ClickHouse"
                    let proxy = try ToxicProxy(upstreamHost: host, upstreamPort: port)
                    proxies["clickhouse"] = proxy
                    endpoint.host = "127.0.0.1"
                    endpoint.port = proxy.port
                }
                clickhouse = endpoint
            }
        } catch {
            proxies.values.forEach { $0.stop() }
            redisServer?.stop()
            throw PipelineError(.infrastructure, "could not start \(starting) for the scenario: \(error)")
        }
        self.redisServer = redisServer
        self.proxies = proxies
        self.redisPassword = password
        self.clickhouse = clickhouse
    }

    /// Points the replay at the scenario's Kafka, sink and Redis (through the proxies).
    func configure(_ configuration: inout ReplayConfiguration, scenario: Scenario) {
        switch scenario.kafka {
        case .embedded(let brokers, let partitions):
            configuration.kafka = .embedded(brokers: brokers)
            configuration.partitions = partitions
        case .external(let bootstrapServers, let partitions):
            configuration.kafka = .external(bootstrapServers: bootstrapServers)
            configuration.partitions = partitions
        }
        configuration.sink = clickhouse.map { .clickhouse($0) } ?? .sqlite(path: nil)
        if let proxy = proxies["redis"] {
            configuration.redis = .external(host: "127.0.0.1", port: proxy.port, password: redisPassword)
        } else {
            configuration.redis = .none
        }
    }

    /// Stops the proxies and the managed Redis.
    func stop() {
        proxies.values.forEach { $0.stop() }
        redisServer?.stop()
    }
}
