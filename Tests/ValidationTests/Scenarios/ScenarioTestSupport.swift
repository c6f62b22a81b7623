import Foundation
import Pipeline
import SystemSupport
import Testing

@testable import Validation

/// Runs scenarios in process for tests: shipped files from `scenarios/`, or YAML written by a test.
enum ScenarioTestSupport {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The shipped scenario `name` (`scenarios/<name>.yaml`), its capture resolved against the repository.
    static func shipped(_ name: String) throws -> Scenario {
        let path = repository.appendingPathComponent("scenarios/\(name).yaml").path
        var scenario = try ScenarioParser.load(path: path)
        scenario.capture = repository.appendingPathComponent(scenario.capture).path
        return scenario
    }

    /// A scenario from `yaml`; `fixtures/` paths are resolved against the repository.
    static func parse(_ yaml: String) throws -> Scenario {
        var scenario = try ScenarioParser.parse(yaml, file: "test.yaml")
        scenario.capture = repository.appendingPathComponent(scenario.capture).path
        return scenario
    }

    /// `scenario` with every upper limit on a time or backlog metric ten times looser: the shipped limits are
    /// for a quiet machine, the tests run on a shared 2-core one next to other suites. Lower limits stay (a slow
    /// broker must still make latency rise).
    static func loosened(_ scenario: Scenario) -> Scenario {
        var scenario = scenario
        let timed = ["e2e_latency_ms", "stage_latency_ms", "recovery_s", "consumer_lag"]
        for index in scenario.thresholds.indices
        where timed.contains(where: scenario.thresholds[index].metric.hasPrefix) {
            for condition in scenario.thresholds[index].conditions.indices {
                let comparison = scenario.thresholds[index].conditions[condition].comparison
                if comparison == .less || comparison == .lessOrEqual {
                    scenario.thresholds[index].conditions[condition].limit *= 10
                }
            }
        }
        return scenario
    }

    /// Runs `scenario` into a temporary run folder and returns the outcome with the report text; the folder is
    /// removed afterwards. The run blocks for seconds, so it goes on a thread of its own: the test awaits it
    /// without holding one of Swift Testing's few cooperative threads, which the other suites need meanwhile.
    static func run(
        _ scenario: Scenario,
        stallTimeout: Duration = .seconds(60)
    ) async throws -> (outcome: ScenarioOutcome, report: String) {
        let directory = try TemporaryDirectory()
        defer { try? directory.remove() }
        var options = ScenarioRunOptions(runFolder: directory.url.appendingPathComponent("run").path)
        options.stallTimeout = stallTimeout
        let runner = ScenarioRunner(scenario: scenario, scenarioPath: "test.yaml", options: options)
        let outcome = try await awaitThread(named: "scenario-test") { try runner.run() }
        return (outcome, ScenarioTextReport.render(outcome))
    }

    /// The check `kind` of `outcome`.
    static func check(_ kind: CheckKind, of outcome: ScenarioOutcome) throws -> CheckResult {
        try #require(outcome.checks.first { $0.kind == kind })
    }
}
