import Foundation
import Kafka
import Pipeline

/// How one fault of a scenario is applied to a run and lifted again. Applying returns what lifting needs to undo
/// exactly what was done (the broker taken down, the leader moved from).
enum FaultAction {
    /// Why a fault could not be applied or lifted.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// What lifting a fault must undo.
    enum Undo: Sendable {
        case nothing
        case brokerUp(Int32)
        case roundTrip(Int32)
        case leaderBack(partition: Int32, to: Int32)
        case sinkSlow
        case sinkFail
        case redisRestart
        case proxy(ToxicProxy, ToxicProxy.Toxic)
        case processorRestart(Int)
        case feedReconnect
        case feedResume
        case exec(stop: String?)
    }

    /// Applies `fault` to `targets`; returns how to lift it.
    static func apply(_ fault: FaultSpec, to targets: FaultTargets) throws -> Undo {
        let parameters = FaultParameters(fault.parameters)
        switch fault.kind {
        case .kafkaBrokerDown:
            let broker = Int32(parameters.integer("broker") ?? 1)
            try targets.controls.brokerDown(broker)
            return .brokerUp(broker)
        case .kafkaSlowBroker:
            let broker = Int32(parameters.integer("broker") ?? 1)
            let rtt = parameters.duration("rtt") ?? .milliseconds(200)
            try targets.controls.setRoundTripTime(rtt, broker: broker)
            return .roundTrip(broker)
        case .kafkaLeaderMove:
            let partition = Int32(parameters.integer("partition") ?? 0)
            let from = try targets.controls.leader(of: partition, topic: targets.topic)
            let brokers = try targets.controls.brokerIDs()
            let to = parameters.integer("to").map(Int32.init) ?? (from % Int32(brokers.count) + 1)
            try targets.controls.moveLeader(topic: targets.topic, partition: partition, to: to)
            return .leaderBack(partition: partition, to: from)
        case .kafkaRequestErrors:
            let code = try errorCode(parameters.text("error") ?? "not_enough_replicas")
            try targets.controls.failProduceRequests(parameters.integer("count") ?? 5, with: code)
            return .nothing
        case .sinkSlow:
            targets.sinkFaults.slowBatches(by: parameters.duration("delay") ?? .milliseconds(100))
            return .sinkSlow
        case .sinkFail:
            let rate = parameters.number("rate")
            targets.sinkFaults.failNextBatches(parameters.integer("count") ?? (rate == nil ? 3 : 0))
            if let rate { targets.sinkFaults.failBatches(rate: rate / 100) }
            return .sinkFail
        case .sinkLose:
            targets.sinkFaults.loseNextBatches(parameters.integer("count") ?? 1)
            return .nothing
        case .traceLose:
            targets.traceFaults.loseNextRecords(parameters.integer("count") ?? 10)
            return .nothing
        case .redisDown:
            guard let server = targets.redisServer else {
                throw Failure(description: "redis.down needs the managed Redis (pipeline: {redis: managed})")
            }
            server.kill()
            return .redisRestart
        case .redisSlow:
            let delay = parameters.duration("delay") ?? .milliseconds(100)
            return try toxic(.latency(delay), on: "redis", targets)
        case .processorCrash:
            let index = (parameters.integer("processor") ?? 1) - 1
            try targets.controls.crashProcessor(index)
            return .processorRestart(index)
        case .feedDisconnect:
            targets.sourceFaults.disconnect()
            return .feedReconnect
        case .feedStall:
            targets.sourceFaults.stall()
            return .feedResume
        case .feedDrop:
            targets.sourceFaults.dropNext(parameters.integer("count") ?? 10)
            return .nothing
        case .feedCorrupt:
            targets.sourceFaults.corruptNext(parameters.integer("count") ?? 10)
            return .nothing
        case .netLatency:
            let latency = parameters.duration("latency") ?? .milliseconds(50)
            return try toxic(.latency(latency), on: parameters.text("target") ?? "redis", targets)
        case .netBandwidth:
            let rate = Int(parameters.number("rate") ?? 100_000)
            return try toxic(.bandwidth(bytesPerSecond: rate), on: parameters.text("target") ?? "redis", targets)
        case .netTimeout:
            return try toxic(.timeout, on: parameters.text("target") ?? "redis", targets)
        case .netReset:
            return try toxic(.reset, on: parameters.text("target") ?? "redis", targets)
        case .exec:
            try run(parameters.text("start") ?? "")
            return .exec(stop: parameters.text("stop"))
        }
    }

    /// Undoes what ``apply(_:to:)`` did.
    static func lift(_ undo: Undo, on targets: FaultTargets) throws {
        switch undo {
        case .nothing: return
        case .brokerUp(let broker): try targets.controls.brokerUp(broker)
        case .roundTrip(let broker): try targets.controls.setRoundTripTime(.zero, broker: broker)
        case .leaderBack(let partition, let to):
            try targets.controls.moveLeader(topic: targets.topic, partition: partition, to: to)
        case .sinkSlow: targets.sinkFaults.slowBatches(by: .zero)
        case .sinkFail:
            targets.sinkFaults.failNextBatches(0)
            targets.sinkFaults.failBatches(rate: 0)
        case .redisRestart:
            do {
                try targets.redisServer?.restart()
            } catch {
                throw Failure(description: "redis-server did not come back: \(error)")
            }
        case .proxy(let proxy, let toxic): proxy.remove(toxic)
        case .processorRestart(let index): try targets.controls.restartProcessor(index)
        case .feedReconnect: targets.sourceFaults.reconnect()
        case .feedResume: targets.sourceFaults.resume()
        case .exec(let stop): if let stop { try run(stop) }
        }
    }

    /// The names `kafka.request_errors` takes for `error:`.
    static let errorNames: [String: KafkaError.Code] = [
        "not_enough_replicas": .notEnoughReplicas, "not_leader": .notLeaderForPartition,
        "request_timed_out": .requestTimedOut,
    ]

    private static func errorCode(_ name: String) throws -> KafkaError.Code {
        guard let code = errorNames[name] else {
            throw Failure(
                description: "kafka.request_errors error '\(name)' is not one of "
                    + errorNames.keys.sorted().joined(separator: ", ")
            )
        }
        return code
    }

    private static func toxic(_ toxic: ToxicProxy.Toxic, on target: String, _ targets: FaultTargets) throws -> Undo {
        guard let proxy = targets.proxies[target] else {
            throw Failure(
                description: "no proxy in front of '\(target)' in this run; targets here: "
                    + (targets.proxies.keys.sorted().joined(separator: ", ").nilIfEmpty ?? "none")
            )
        }
        proxy.add(toxic)
        return .proxy(proxy, toxic)
    }

    /// How long an `exec` command may run before it is killed and the fault fails.
    static let execTimeout: Duration = .seconds(60)

    /// Runs `command` with `/bin/sh -c`, its output on standard error (standard output carries the report), and
    /// waits for it up to ``execTimeout``; a non-zero exit or the time-out is a failure naming the command.
    private static func run(_ command: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.standardOutput = FileHandle.standardError
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        do {
            try process.run()
        } catch {
            throw Failure(description: "could not run `\(command)`: \(error.localizedDescription)")
        }
        if exited.wait(timeout: .now() + .seconds(Int(execTimeout.components.seconds))) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            exited.wait()
            throw Failure(description: "`\(command)` did not finish within \(execTimeout) and was killed")
        }
        guard process.terminationStatus == 0 else {
            throw Failure(description: "`\(command)` exited with status \(process.terminationStatus)")
        }
    }
}

extension String {
    fileprivate var nilIfEmpty: String? { isEmpty ? nil : self }
}
