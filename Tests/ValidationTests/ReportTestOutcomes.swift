import Foundation
import Validation

@testable import Pipeline

/// Scenario outcomes for the report tests: one that fails in every way a report shows, one that passes.
enum ReportTestOutcomes {
    static let scenarioText = """
        name: broker-loss
        description: one of three brokers dies for 3 s during replay
        capture: fixtures/multi-symbol.sqlite
        replay: { speed: 10x }
        faults:
          - { kind: kafka.broker_down, broker: 1, at: 2s, for: 3s }
          - { kind: sink.slow, delay: 200ms, at_event: 500, for: 1s }
          - { kind: redis.down, at: 30s, for: 1s }
          - random: { seed: 7, count: 1, kinds: [kafka.leader_move] }
        checks: [no_loss, no_duplicates]
        thresholds:
          e2e_latency_ms: ["p99 < 500"]
          "consumer_lag{after:fault}": ["max < 10"]
        seed: 42
        """

    /// A failing check with 12 witnesses (and a `<` in its summary), a passing check, a threshold never measured,
    /// a recovered fault, one that did not recover, one that never started, a random schedule, and a failed processor.
    static func failing(folder: String) throws -> ScenarioOutcome {
        let scenario = try ScenarioParser.parse(scenarioText, file: "scenarios/broker-loss.yaml")
        let witnesses = (1...12).map { "seq \($0) AAPL trace \($0): last seen at kafka: never stored" }
        let checks = [
            CheckResult(kind: .noLoss, passed: false, summary: "12 of 100 events lost <AAPL>", evidence: witnesses),
            CheckResult(kind: .noDuplicates, passed: true, summary: "0 copies stored", evidence: []),
        ]
        let thresholds = scenario.thresholds.map { threshold in
            ThresholdEvaluation(threshold, samples: threshold.metric == "e2e_latency_ms" ? [120, 80] : [])
        }
        var recovered = FaultRecord(spec: scenario.faults[0], label: "kafka.broker_down broker=1")
        recovered.startedSeconds = 2
        recovered.endedSeconds = 5
        recovered.recoverySeconds = 1.5
        recovered.recoveryDetail = "lag 0 at 6.5 s, throughput 980/s against 1000/s before"
        recovered.transitions = ["breaker kafka closed -> open at 2.1 s", "breaker kafka open -> closed at 5.4 s"]
        var stuck = FaultRecord(spec: scenario.faults[1], label: "sink.slow delay=200ms")
        stuck.startedSeconds = 6
        stuck.endedSeconds = 7
        stuck.recoveryDetail = "lag still 340 at the end"
        let neverRan = FaultRecord(spec: scenario.faults[2], label: "redis.down")
        let samples = (1...10).map { (second: Int) -> MetricSample in
            let stalled = second == 3
            return MetricSample(
                seconds: Double(second),
                throughput: stalled ? 0 : 1000,
                consumerLag: second == 6 ? 340 : 0,
                endToEndP99Ms: second == 4 ? nil : 20,
                errorRatePercent: 0,
                healthScore: stalled ? 40 : 95
            )
        }
        var replay = replayResult(folder: folder, stored: 88)
        replay.processorFailures = ["processor 0: sink full"]
        replay.audit.lostInKafka = 12
        replay.health.bottleneck = "storage: queue 340 deep"
        replay.health.recommendations = ["add processors"]
        return ScenarioOutcome(
            scenario: scenario,
            scenarioPath: "scenarios/broker-loss.yaml",
            runFolder: folder,
            startedAt: Date(timeIntervalSince1970: 1_800_000_000),
            replay: replay,
            faults: [recovered, stuck, neverRan],
            drawnFaults: scenario.random.map { FaultSchedule.draw($0, over: .seconds(20)) } ?? [],
            checks: checks,
            thresholds: thresholds,
            samples: samples
        )
    }

    /// Every check and threshold passed, no faults.
    static func passing(folder: String) throws -> ScenarioOutcome {
        let scenario = try ScenarioParser.parse(
            "name: clean\ncapture: c.sqlite\nchecks: [no_loss]\nthresholds: { health_score: [\"min > 50\"] }\n",
            file: "clean.yaml"
        )
        return ScenarioOutcome(
            scenario: scenario,
            scenarioPath: "clean.yaml",
            runFolder: folder,
            startedAt: Date(timeIntervalSince1970: 1_800_000_000),
            replay: replayResult(folder: folder, stored: 100),
            faults: [],
            drawnFaults: [],
            checks: [CheckResult(kind: .noLoss, passed: true, summary: "0 of 100 events lost", evidence: [])],
            thresholds: scenario.thresholds.map { ThresholdEvaluation($0, samples: [90, 95]) },
            samples: []
        )
    }

    private static func replayResult(folder: String, stored: Int64) -> ReplayResult {
        var audit = AuditReport()
        audit.captureEvents = 100
        audit.published = 100
        audit.acked = 100
        audit.stored = stored
        audit.traceComplete = stored
        audit.stageLatency = [
            AuditReport.StageLatency(stage: "kafka", count: Int(stored), p50Ms: 1.25, p99Ms: 8.5, maxMs: 12),
            AuditReport.StageLatency(stage: "storage", count: Int(stored), p50Ms: 0.5, p99Ms: 2, maxMs: 3.75),
        ]
        var configuration = ReplayConfiguration(capturePath: "fixtures/multi-symbol.sqlite", outputDirectory: folder)
        configuration.pace = .multiplied(10)
        return ReplayResult(
            configuration: configuration,
            runID: 0xabc123,
            runDatabasePath: folder + "/run.sqlite",
            sinkDestination: "sqlite:\(folder)/sink.sqlite",
            statistics: CaptureReplayer.Statistics(),
            counters: PipelineCounters(),
            drained: true,
            interrupted: false,
            processorFailures: [],
            elapsedNs: 12_000_000_000,
            pipelineElapsedNs: 10_000_000_000,
            audit: audit
        )
    }
}
