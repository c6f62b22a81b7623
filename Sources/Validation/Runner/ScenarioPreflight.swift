import Pipeline

/// Refuses, before anything starts, faults the scenario's pipeline cannot take: a Kafka fault on a cluster the
/// harness does not own, a broker or partition the cluster does not have, a Redis fault without Redis, a proxy
/// target that is not there. Each message names the fault's line and what to do.
enum ScenarioPreflight {
    /// Checks every fault of `scenario` (read from `file`) against its pipeline and the capture's seqs.
    static func check(
        _ scenario: Scenario,
        faults: [FaultSpec],
        file: String,
        captureSeqs: ClosedRange<Int64>?
    ) throws(PipelineError) {
        for fault in faults {
            var problem = problem(with: fault, in: scenario)
            if case .atEvent(let seq) = fault.start, let captureSeqs, !captureSeqs.contains(seq) {
                problem =
                    "at_event \(seq) is not in the capture (seq \(captureSeqs.lowerBound)-\(captureSeqs.upperBound))"
            }
            if let problem {
                let place = fault.line.map { "\(file):\($0): " } ?? "\(file): drawn fault: "
                throw PipelineError(.input, place + "\(fault.kind.rawValue): " + problem)
            }
        }
    }

    /// The `net.*` targets a scenario's pipeline offers.
    static func proxyTargets(of scenario: Scenario) -> [String] {
        var targets: [String] = []
        if scenario.redis != .none { targets.append("redis") }
        if case .clickhouse = scenario.sink { targets.append("clickhouse") }
        return targets
    }

    private static func problem(with fault: FaultSpec, in scenario: Scenario) -> String? {
        let parameters = FaultParameters(fault.parameters)
        switch fault.kind {
        case .kafkaBrokerDown, .kafkaSlowBroker, .kafkaLeaderMove, .kafkaRequestErrors:
            guard case .embedded(let brokers, let partitions) = scenario.kafka else {
                return "needs the embedded Kafka cluster; act on a real cluster with an exec fault"
            }
            for name in ["broker", "to"] {
                if let broker = parameters.integer(name), !(1...brokers).contains(broker) {
                    return "\(name) \(broker) does not exist; the cluster has brokers 1-\(brokers)"
                }
            }
            if let partition = parameters.integer("partition"), partition >= partitions {
                return "partition \(partition) does not exist; the topic has partitions 0-\(partitions - 1)"
            }
            if let error = parameters.text("error"), FaultAction.errorNames[error] == nil {
                return "error '\(error)' is not one of " + FaultAction.errorNames.keys.sorted().joined(separator: ", ")
            }
            if let count = parameters.integer("count"), count > 10_000 {
                return "count \(count) is more requests than a run makes; at most 10000"
            }
        case .redisDown:
            if scenario.redis != .managed { return "needs the managed Redis (pipeline: {redis: managed})" }
        case .redisSlow:
            if scenario.redis == .none { return "needs Redis (pipeline: {redis: managed})" }
        case .netLatency, .netBandwidth, .netTimeout, .netReset:
            let target = parameters.text("target") ?? ""
            let targets = proxyTargets(of: scenario)
            if !targets.contains(target) {
                let feed =
                    target == "feed"
                    ? " (a replay reads its capture directly, so there is no feed connection to slow; use the "
                        + "feed.* faults)" : ""
                return "target '\(target)' is not in front of anything in this pipeline\(feed); targets here: "
                    + (targets.isEmpty ? "none" : targets.joined(separator: ", "))
            }
        case .processorCrash:
            if let processor = parameters.integer("processor"), processor != 1 {
                return "processor \(processor) does not exist; a scenario runs processor 1"
            }
        case .sinkFail:
            if let rate = parameters.number("rate"), rate > 100 { return "rate is a percentage, 0-100, not \(rate)" }
        case .exec:
            if (parameters.text("start") ?? "").isEmpty { return "needs a 'start' command" }
        case .sinkSlow, .sinkLose, .traceLose, .feedDisconnect, .feedStall, .feedCorrupt, .feedDrop:
            break
        }
        return nil
    }
}
