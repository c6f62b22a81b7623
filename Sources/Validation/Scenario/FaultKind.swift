/// The faults a scenario can inject, and the parameters each takes beyond `at`/`at_event` and `for`.
public enum FaultKind: String, Sendable, Hashable, CaseIterable, Codable {
    case kafkaBrokerDown = "kafka.broker_down"
    case kafkaLeaderMove = "kafka.leader_move"
    case kafkaSlowBroker = "kafka.slow_broker"
    case kafkaRequestErrors = "kafka.request_errors"
    case sinkSlow = "sink.slow"
    case sinkFail = "sink.fail"
    /// The sink acknowledges batches it did not keep: a broken store, to prove `no_loss` catches one.
    case sinkLose = "sink.lose"
    /// The tracing store loses delivery records: to prove `trace_complete` catches incomplete traces.
    case traceLose = "trace.lose"
    case redisDown = "redis.down"
    case redisSlow = "redis.slow"
    case processorCrash = "processor.crash"
    case feedDisconnect = "feed.disconnect"
    case feedStall = "feed.stall"
    case feedCorrupt = "feed.corrupt"
    case feedDrop = "feed.drop"
    case netLatency = "net.latency"
    case netBandwidth = "net.bandwidth"
    case netTimeout = "net.timeout"
    case netReset = "net.reset"
    case exec = "exec"

    /// The parameters this kind accepts, with whether each is required.
    public var parameters: [(name: String, required: Bool)] {
        switch self {
        case .kafkaBrokerDown: [("broker", false)]
        case .kafkaLeaderMove: [("partition", false), ("to", false)]
        case .kafkaSlowBroker: [("broker", false), ("rtt", true)]
        case .kafkaRequestErrors: [("count", false), ("error", false)]
        case .sinkSlow: [("delay", true)]
        case .sinkFail: [("count", false), ("rate", false)]
        case .sinkLose, .traceLose: [("count", false)]
        case .redisDown: []
        case .redisSlow: [("delay", true)]
        case .processorCrash: [("processor", false)]
        case .feedDisconnect, .feedStall: []
        case .feedCorrupt, .feedDrop: [("count", false)]
        case .netLatency: [("target", true), ("latency", true), ("jitter", false)]
        case .netBandwidth: [("target", true), ("rate", true)]
        case .netTimeout, .netReset: [("target", true)]
        case .exec: [("start", true), ("stop", false)]
        }
    }

    /// What a parameter's value must be.
    public enum ParameterType: String, Sendable {
        case duration = "a duration such as 200ms or 2s"
        case count = "a whole number from 0 to 1000000000"
        case number = "a number from 0 to 1000000000"
        case text = "text"
    }

    /// The type of parameter `name`.
    public static func parameterType(_ name: String) -> ParameterType {
        switch name {
        case "rtt", "delay", "latency", "jitter": .duration
        case "broker", "partition", "to", "count", "processor": .count
        case "rate": .number
        default: .text
        }
    }
}
