import Pipeline

/// A scenario file (`scenarios/*.yaml`): what to replay, on which pipeline, with which faults, and what must hold.
///
/// ```yaml
/// name: broker-loss
/// description: one of three brokers dies for 3 s during replay; nothing may be lost
/// capture: fixtures/multi-symbol.sqlite
/// replay: { speed: 10x }
/// pipeline: { kafka: { brokers: 3, partitions: 6 }, sink: sqlite, redis: managed }
/// faults:
///   - { kind: kafka.broker_down, broker: 1, at: 2s, for: 3s }
/// checks: [no_loss, no_duplicates, per_symbol_order, trace_complete, matches_reference]
/// thresholds:
///   e2e_latency_ms: ["p99 < 500"]
/// ```
public struct Scenario: Sendable {
    /// Where the Kafka of a scenario comes from.
    public enum Kafka: Sendable, Hashable {
        case embedded(brokers: Int, partitions: Int)
        case external(bootstrapServers: String, partitions: Int)
    }

    /// The sink a scenario stores into.
    public enum Sink: Sendable, Hashable {
        case sqlite
        case clickhouse(host: String, port: Int)
    }

    /// The Redis of a scenario.
    public enum Redis: Sendable, Hashable {
        case managed
        case none
        case external(host: String, port: Int)
    }

    public var name: String
    public var description: String
    /// The capture to replay, relative to the current folder as written.
    public var capture: String
    public var pace: ReplayPace
    public var kafka: Kafka
    public var sink: Sink
    public var redis: Redis
    public var faults: [FaultSpec]
    public var random: RandomFaults?
    public var checks: [CheckKind]
    public var thresholds: [Threshold]
    /// The seed of everything random in the run; `nil` if the file gives none.
    public var seed: UInt64?
}
