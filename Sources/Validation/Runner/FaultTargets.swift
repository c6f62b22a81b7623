import Kafka
import Pipeline
import Redis

/// What a run's faults act on: the replay's controls and the parts the scenario runner owns around it (the managed
/// Redis and the TCP proxies in front of Redis and ClickHouse).
struct FaultTargets: Sendable {
    var controls: PipelineControls
    var topic: String
    var sinkFaults: SinkFaults
    var sourceFaults: SourceFaults
    var traceFaults: TraceFaults
    /// The managed `redis-server`; `nil` when the scenario's Redis is not managed.
    var redisServer: ManagedRedisServer?
    /// Proxies by `target:` name (`redis`, `clickhouse`).
    var proxies: [String: ToxicProxy]
}
