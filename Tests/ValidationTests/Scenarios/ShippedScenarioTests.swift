import Capture
import Foundation
import Pipeline
import Testing

@testable import Validation

@Suite("The shipped scenarios pass on the committed fixtures", .serialized, .timeLimit(.minutes(10)))
struct ShippedScenarioTests {
    static let names = [
        "smoke", "broker-loss", "leader-failover", "slow-broker", "slow-sink", "sink-errors", "redis-loss",
        "processor-crash", "feed-disconnect", "feed-drop", "network-latency", "random-chaos",
    ]

    @Test("every file in scenarios/ is one the suite runs")
    func everyFileIsRun() throws {
        let files = try FileManager.default.contentsOfDirectory(
            atPath: ScenarioTestSupport.repository.appendingPathComponent("scenarios").path
        )
        let names = files.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }
        #expect(Set(names) == Set(Self.names))
    }

    @Test("the scenario passes, and each of its faults started, ended and recovered", arguments: names)
    func passes(name: String) async throws {
        let scenario = ScenarioTestSupport.loosened(try ScenarioTestSupport.shipped(name))
        let (outcome, report) = try await ScenarioTestSupport.run(scenario)
        #expect(outcome.verdict == .pass, "\(report)")
        #expect(outcome.checks.count == scenario.checks.count)
        #expect(outcome.thresholds.allSatisfy { $0.outcomes.allSatisfy { $0.observed != nil } }, "\(report)")
        for fault in outcome.faults {
            #expect(fault.error == nil, "\(fault.label): \(fault.error ?? "")")
            #expect(fault.startedSeconds != nil && fault.endedSeconds != nil, "\(fault.label) never ran")
            #expect(fault.recoverySeconds != nil, "\(fault.label): \(fault.recoveryDetail)")
        }
        try expectations(name, outcome, report)
    }

    /// What each scenario's fault must have visibly done.
    private func expectations(_ name: String, _ outcome: ScenarioOutcome, _ report: String) throws {
        let audit = outcome.replay.audit
        switch name {
        case "smoke":
            #expect(outcome.faults.isEmpty)
            #expect(audit.stored == 10_000)
        case "feed-drop":
            #expect(audit.lostAtSource == 25)
            #expect(audit.feedLostWitnesses.first?.seq == 2000)
            #expect(audit.lostWitnesses.isEmpty)
            #expect(audit.lostInKafka + audit.lostInProcessing == 0)
        case "feed-disconnect":
            // About one second of a 2,000 events/s replay is lost at the feed, and only there: not the rest of the
            // capture (the replay goes on after the outage).
            #expect(audit.lostAtSource > 500 && audit.lostAtSource < 5_000, "\(report)")
            #expect(audit.stored + audit.lostAtSource == 10_000)
            #expect(audit.feedLostWitnesses.count == AuditReport.witnessLimit)
        case "sink-errors":
            #expect(outcome.replay.counters.sinkErrors.value >= 3)
            #expect(audit.stored == 10_000)
        case "processor-crash":
            #expect(outcome.faults.first?.startedSeconds != nil)
            #expect(audit.stored == 10_000)
        case "random-chaos":
            let random = try #require(outcome.scenario.random)
            #expect(outcome.drawnFaults.count == random.count)
            let span = try ScenarioRunner.expectedLength(
                of: CaptureReader(path: outcome.scenario.capture),
                pace: outcome.scenario.pace
            )
            #expect(outcome.drawnFaults == FaultSchedule.draw(random, over: span))
            #expect(report.contains("Random schedule (seed \(random.seed)"))
        default:
            #expect(audit.stored == 10_000)
            #expect(outcome.faults.count == 1)
        }
    }
}
