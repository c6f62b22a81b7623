import Pipeline
import Testing

@testable import Validation

@Suite("Faults the pipeline cannot take are refused before anything starts")
struct ScenarioPreflightTests {
    private func refusal(_ pipeline: String, _ fault: String) throws -> PipelineError? {
        let scenario = try ScenarioParser.parse(
            "name: x\ncapture: c\npipeline: \(pipeline)\nfaults:\n  - \(fault)\n",
            file: "s.yaml"
        )
        do {
            try ScenarioPreflight.check(scenario, faults: scenario.faults, file: "s.yaml", captureSeqs: 1...100)
            return nil
        } catch {
            return error
        }
    }

    @Test(
        "each refusal is a usage error naming the line and what to do",
        arguments: [
            (
                "{ kafka: { brokers: 3 } }", "{ kind: kafka.broker_down, broker: 4, at: 1s, for: 1s }",
                "broker 4 does not exist; the cluster has brokers 1-3"
            ),
            (
                "{ kafka: { bootstrap_servers: 'k:9092' } }", "{ kind: kafka.broker_down, at: 1s, for: 1s }",
                "needs the embedded Kafka cluster; act on a real cluster with an exec fault"
            ),
            (
                "{ kafka: { partitions: 2 } }", "{ kind: kafka.leader_move, partition: 2, at: 1s, for: 1s }",
                "partition 2 does not exist; the topic has partitions 0-1"
            ),
            (
                "{ redis: none }", "{ kind: redis.down, at: 1s, for: 1s }",
                "needs the managed Redis"
            ),
            (
                "{ redis: managed }", "{ kind: net.latency, target: feed, latency: 5ms, at: 1s, for: 1s }",
                "target 'feed' is not in front of anything in this pipeline"
            ),
            (
                "{ sink: sqlite }", "{ kind: net.reset, target: clickhouse, at: 1s, for: 1s }",
                "targets here: redis"
            ),
            (
                "{ sink: sqlite }", "{ kind: kafka.request_errors, error: oops, at: 1s, for: 1s }",
                "error 'oops' is not one of not_enough_replicas, not_leader, request_timed_out"
            ),
            ("{ sink: sqlite }", "{ kind: sink.fail, rate: 150, at: 1s, for: 1s }", "rate is a percentage"),
            (
                "{ sink: sqlite }", "{ kind: feed.drop, at_event: 101, for: 1s }",
                "at_event 101 is not in the capture (seq 1-100)"
            ),
            (
                "{ sink: sqlite }", "{ kind: processor.crash, processor: 2, at: 1s, for: 1s }",
                "processor 2 does not exist"
            ),
        ]
    )
    func refused(pipeline: String, fault: String, message: String) throws {
        let error = try #require(try refusal(pipeline, fault), "accepted: \(fault)")
        #expect(error.kind == .input)
        #expect(error.message.hasPrefix("s.yaml:5: "), "\(error.message)")
        #expect(error.message.contains(message), "\(error.message)")
    }

    @Test("faults the pipeline can take pass")
    func accepted() throws {
        #expect(
            try refusal("{ redis: managed }", "{ kind: net.latency, target: redis, latency: 5ms, at: 1s, for: 1s }")
                == nil
        )
        #expect(
            try refusal(
                "{ kafka: { brokers: 3 } }",
                "{ kind: kafka.slow_broker, broker: 3, rtt: 5ms, at: 1s, for: 1s }"
            ) == nil
        )
    }
}
