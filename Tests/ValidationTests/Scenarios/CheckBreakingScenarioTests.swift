import ClickHouse
import Foundation
import Pipeline
import Testing

@testable import Validation

/// Each check must be able to fail: a scenario built to break the guarantee it checks makes it fail, with the
/// witnesses that show where.
@Suite("Scenarios that break a guarantee make its check fail", .serialized, .timeLimit(.minutes(10)))
struct CheckBreakingScenarioTests {
    /// A 10x replay of the 50-second fixture (5 s) with `faults` and `checks`.
    private func scenario(
        faults: String,
        checks: String,
        sink: String = "sqlite",
        thresholds: String = ""
    ) throws -> Scenario {
        try ScenarioTestSupport.parse(
            """
            name: breaker
            capture: fixtures/multi-symbol-50s.sqlite
            replay: { speed: 10x }
            pipeline: { kafka: { brokers: 3, partitions: 6 }, sink: \(sink), redis: none }
            faults:
            \(faults)
            checks: \(checks)
            \(thresholds)
            """
        )
    }

    @Test("a sink that acknowledges batches it did not keep fails no_loss, with witnesses last seen at kafka")
    func lyingSinkFailsNoLoss() async throws {
        let (outcome, report) = try await ScenarioTestSupport.run(
            try scenario(faults: "  - { kind: sink.lose, count: 2, at: 1s, for: 1s }", checks: "[no_loss]")
        )
        let check = try ScenarioTestSupport.check(.noLoss, of: outcome)
        #expect(!check.passed, "\(report)")
        #expect(outcome.verdict == .fail)
        #expect(outcome.replay.audit.lostInProcessing > 0)
        #expect(outcome.replay.audit.lostAtSource == 0)
        #expect(!check.evidence.isEmpty && check.evidence.count <= 10)
        #expect(check.evidence.allSatisfy { $0.contains("last seen at kafka") && $0.contains("never stored") })
    }

    @Test("losses in the pipeline next to feed drops fail source_gaps_detected")
    func pipelineLossFailsSourceGaps() async throws {
        let (outcome, report) = try await ScenarioTestSupport.run(
            try scenario(
                faults: """
                      - { kind: feed.drop, count: 5, at_event: 1000, for: 1s }
                      - { kind: sink.lose, count: 1, at: 2s, for: 1s }
                    """,
                checks: "[source_gaps_detected]"
            )
        )
        let check = try ScenarioTestSupport.check(.sourceGapsDetected, of: outcome)
        #expect(!check.passed, "\(report)")
        #expect(outcome.replay.audit.lostAtSource == 5)
        #expect(check.evidence.first == "lost by the feed: 1000-1004")
        #expect(check.evidence.contains { $0.contains("last seen at kafka") })
    }

    @Test("feed drops alone pass source_gaps_detected: every one is lost at the source")
    func feedDropsPassSourceGaps() async throws {
        let (outcome, report) = try await ScenarioTestSupport.run(
            try scenario(
                faults: "  - { kind: feed.drop, count: 5, at_event: 1000, for: 1s }",
                checks: "[source_gaps_detected, no_loss]"
            )
        )
        #expect(try ScenarioTestSupport.check(.sourceGapsDetected, of: outcome).passed, "\(report)")
        let noLoss = try ScenarioTestSupport.check(.noLoss, of: outcome)
        #expect(!noLoss.passed)
        #expect(noLoss.evidence.allSatisfy { $0.contains("last seen at source") && $0.contains("lost by the feed") })
    }

    @Test("a tracing store that loses delivery records fails trace_complete, with the untraced events as witnesses")
    func lostTraceRecordsFailTraceComplete() async throws {
        let (outcome, report) = try await ScenarioTestSupport.run(
            try scenario(
                faults: "  - { kind: trace.lose, count: 20, at: 1s, for: 1s }",
                checks: "[trace_complete, no_loss]"
            )
        )
        let check = try ScenarioTestSupport.check(.traceComplete, of: outcome)
        #expect(!check.passed, "\(report)")
        #expect(outcome.replay.audit.traceComplete == outcome.replay.audit.stored - 20)
        let witnesses = check.evidence.filter { $0.contains("delivery (the acknowledged stamp) was never recorded") }
        #expect(witnesses.count == AuditReport.witnessLimit, "\(check.evidence)")
        #expect(try ScenarioTestSupport.check(.noLoss, of: outcome).passed, "\(report)")
    }

    @Test("garbled lines fail matches_reference, with the garbled seq as a witness")
    func corruptLinesFailReference() async throws {
        let (outcome, report) = try await ScenarioTestSupport.run(
            try scenario(
                faults: "  - { kind: feed.corrupt, count: 3, at_event: 1500, for: 1s }",
                checks: "[matches_reference, no_loss]"
            )
        )
        let check = try ScenarioTestSupport.check(.matchesReference, of: outcome)
        #expect(!check.passed, "\(report)")
        #expect(check.evidence.first?.hasPrefix("seq 1500 ") == true, "\(check.evidence)")
        #expect(try ScenarioTestSupport.check(.noLoss, of: outcome).passed, "\(report)")
    }

    @Test("a sink that refuses everything until the run gives up fails recovers")
    func deadSinkFailsRecovers() async throws {
        let (outcome, report) = try await ScenarioTestSupport.run(
            try scenario(
                faults: "  - { kind: sink.fail, rate: 100, at: 1s, for: 60s }",
                checks: "[recovers]",
                thresholds: "thresholds: { recovery_s: [\"max < 5\"] }"
            ),
            stallTimeout: .seconds(3)
        )
        let check = try ScenarioTestSupport.check(.recovers, of: outcome)
        #expect(!check.passed, "\(report)")
        #expect(outcome.faults.first?.recoverySeconds == nil)
        #expect(check.evidence.first?.contains("did not recover") == true)
        // A fault that never recovered has no finite recovery time: an upper limit on it cannot pass.
        #expect(outcome.thresholds.first?.passed == false, "\(report)")
    }

    @Test("a fault the replay ends before fails recovers and the verdict: the scenario tested less than it says")
    func faultThatNeverRanFails() async throws {
        let (outcome, report) = try await ScenarioTestSupport.run(
            try scenario(faults: "  - { kind: kafka.broker_down, at: 30s, for: 1s }", checks: "[recovers, no_loss]")
        )
        #expect(outcome.verdict == .fail, "\(report)")
        #expect(outcome.faults.first?.error?.hasPrefix("never started") == true)
        #expect(try ScenarioTestSupport.check(.recovers, of: outcome).passed == false)
        #expect(try ScenarioTestSupport.check(.noLoss, of: outcome).passed)
    }

    @Test("a scenario on a real ClickHouse sink passes no_duplicates, no_loss and matches_reference")
    func clickHouseScenarioPasses() async throws {
        let clickhouse = try ManagedClickHouseServer()
        defer { clickhouse.stop() }
        let (outcome, report) = try await ScenarioTestSupport.run(
            try scenario(
                faults: "  []",
                checks: "[no_duplicates, no_loss, matches_reference]",
                sink: "clickhouse://127.0.0.1:\(clickhouse.httpPort)"
            )
        )
        #expect(outcome.verdict == .pass, "\(report)")
    }
}
