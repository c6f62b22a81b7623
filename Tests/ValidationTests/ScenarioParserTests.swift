import Pipeline
import Testing
import Validation

@Suite("Scenario files")
struct ScenarioParserTests {
    static let brokerLoss = """
        name: broker-loss
        description: one of three brokers dies for 3 s during replay; nothing may be lost
        capture: fixtures/multi-symbol.sqlite
        replay: { speed: 10x }
        pipeline: { kafka: { brokers: 3, partitions: 6 }, sink: sqlite, redis: managed }
        faults:
          - { kind: kafka.broker_down, broker: 1, at: 2s, for: 3s }
          - { kind: sink.slow, delay: 200ms, at_event: 5000, for: 5s }
          - random: { seed: 42, count: 3, kinds: [redis.down, feed.drop], min_gap: 2s }
        checks: [no_loss, no_duplicates, per_symbol_order, trace_complete, matches_reference]
        thresholds:
          e2e_latency_ms: ["p99 < 500", "max < 1000"]
          throughput_msg_s: ["min >= 100"]
          error_rate_pct: ["< 1"]
        seed: 7
        """

    @Test("The DESIGN.md example reads into every field")
    func fullExample() throws {
        let scenario = try ScenarioParser.parse(Self.brokerLoss, file: "broker-loss.yaml")
        #expect(scenario.name == "broker-loss")
        #expect(scenario.capture == "fixtures/multi-symbol.sqlite")
        #expect(scenario.pace == .multiplied(10))
        #expect(scenario.kafka == .embedded(brokers: 3, partitions: 6))
        #expect(scenario.sink == .sqlite)
        #expect(scenario.redis == .managed)
        #expect(scenario.faults.count == 2)
        #expect(scenario.faults[0].kind == .kafkaBrokerDown)
        #expect(scenario.faults[0].start == .at(.seconds(2)))
        #expect(scenario.faults[0].length == .seconds(3))
        #expect(scenario.faults[0].parameters["broker"] == .number(1))
        #expect(scenario.faults[1].start == .atEvent(5000))
        #expect(scenario.faults[1].parameters["delay"] == .duration(.milliseconds(200)))
        #expect(scenario.random?.seed == 42 && scenario.random?.kinds == [.redisDown, .feedDrop])
        #expect(scenario.random?.minimumGap == .seconds(2))
        #expect(scenario.checks == [.noLoss, .noDuplicates, .perSymbolOrder, .traceComplete, .matchesReference])
        let latency = try #require(scenario.thresholds.first { $0.metric == "e2e_latency_ms" })
        #expect(latency.conditions.map(\.description) == ["p99 < 500.0", "max < 1000.0"])
        let errors = try #require(scenario.thresholds.first { $0.metric == "error_rate_pct" })
        #expect(errors.conditions.first?.aggregation == .last)
        #expect(scenario.seed == 7)
    }

    @Test(
        "Each mistake names file, line, column and the valid choices",
        arguments: [
            ("name: x\ncapture: c\nfualts: []\n", 3, "unknown key 'fualts'", "did you mean 'faults'?"),
            (
                "name: x\ncapture: c\nfaults:\n  - { kind: kafka.broker_dwn, at: 1s, for: 1s }\n", 4,
                "unknown value 'kafka.broker_dwn'", "did you mean 'kafka.broker_down'?"
            ),
            ("name: x\ncapture: c\nchecks: [no_los]\n", 3, "unknown value 'no_los'", "did you mean 'no_loss'?"),
            (
                "name: x\ncapture: c\nthresholds:\n  e2e_latncy_ms: [\"p99 < 5\"]\n", 4, "unknown key 'e2e_latncy_ms'",
                "did you mean 'e2e_latency_ms'?"
            ),
            ("name: x\ncapture: c\nthresholds:\n  health_score: [\"p42 > 1\"]\n", 4, "is not a condition", "p99"),
            ("name: x\ncapture: c\nreplay: { speed: fast }\n", 3, "'fast' is not a pace", "10x"),
            ("name: x\ncapture: c\nfaults:\n  - { kind: sink.slow, at: 1s, for: 1s }\n", 4, "needs 'delay'", ""),
            (
                "name: x\ncapture: c\nfaults:\n  - { kind: redis.down, at: 1s, at_event: 5, for: 1s }\n", 4,
                "exactly one of 'at'", ""
            ),
            (
                "name: x\ncapture: c\nfaults:\n  - { kind: redis.down, at: soon, for: 1s }\n", 4, "expected a duration",
                ""
            ),
            (
                "name: x\ncapture: c\nfaults:\n  - { kind: redis.down, broker: 1, at: 1s, for: 1s }\n", 4,
                "unknown key 'broker'", "valid: kind, at, at_event, for"
            ),
            ("name: x\ncapture: c\npipeline: { sink: postgres }\n", 3, "unknown sink 'postgres'", "clickhouse://"),
            (
                "name: x\ncapture: c\nfaults:\n  - { kind: kafka.slow_broker, rtt: 200, at: 1s, for: 1s }\n", 4,
                "'rtt' must be a duration such as 200ms or 2s, not '200'", ""
            ),
            (
                "name: x\ncapture: c\nfaults:\n  - { kind: kafka.broker_down, broker: one, at: 1s, for: 1s }\n", 4,
                "'broker' must be a whole number from 0 to 1000000000, not 'one'", ""
            ),
            (
                "name: x\ncapture: c\nfaults:\n  - { kind: feed.drop, count: 2.5, at: 1s, for: 1s }\n", 4,
                "'count' must be a whole number", ""
            ),
            (
                "name: x\ncapture: c\nfaults:\n  - { kind: feed.drop, count: 1e19, at: 1s, for: 1s }\n", 4,
                "'count' must be a whole number from 0 to 1000000000, not '1e19'", ""
            ),
            (
                "name: x\ncapture: c\nthresholds:\n  consumer_lag{afterfault}: [\"max < 5\"]\n", 4,
                "unknown key 'consumer_lag{afterfault}'", "did you mean 'consumer_lag{after:fault}'?"
            ),
            ("capture: c\n", 1, "missing key 'name'", ""),
            ("name: [x\n", 2, "not valid YAML", ""),
        ]
    )
    func mistakes(yaml: String, line: Int, message: String, hint: String) {
        do {
            _ = try ScenarioParser.parse(yaml, file: "s.yaml")
            Issue.record("accepted: \(yaml)")
        } catch {
            #expect(error.file == "s.yaml")
            #expect(error.line == line, "\(error)")
            #expect(error.column != nil, "\(error)")
            #expect(error.description.contains(message), "\(error)")
            #expect(hint.isEmpty || error.description.contains(hint), "\(error)")
        }
    }

    @Test("A threshold key may carry a window, k6 style")
    func windows() throws {
        let scenario = try ScenarioParser.parse(
            "name: x\ncapture: c\nthresholds:\n  consumer_lag{after:fault}: [\"last < 5\"]\n"
                + "  e2e_latency_ms{during:fault}: [\"p99 < 500\"]\n  health_score: [\"min > 50\"]\n",
            file: "s.yaml"
        )
        let windows = scenario.thresholds.map { "\($0.metric) \($0.window.map { "\($0)" } ?? "whole run")" }.sorted()
        #expect(windows == ["consumer_lag afterFaults", "e2e_latency_ms duringFaults", "health_score whole run"])
        #expect(
            scenario.thresholds.map(\.key).sorted() == [
                "consumer_lag{after:fault}", "e2e_latency_ms{during:fault}", "health_score",
            ]
        )
    }

    @Test("Conditions read with or without an aggregation, and refuse anything else")
    func conditions() {
        #expect(Threshold.Condition("p99 < 500")?.aggregation == .p99)
        #expect(Threshold.Condition("< 1")?.aggregation == .last)
        #expect(Threshold.Condition(">= 70")?.comparison == .greaterOrEqual)
        #expect(Threshold.Condition("p99 ~ 5") == nil)
        #expect(Threshold.Condition("p99 < lots") == nil)
        #expect(Threshold.Comparison.less.holds(1, 2))
        #expect(!Threshold.Comparison.greaterOrEqual.holds(1, 2))
    }
}
