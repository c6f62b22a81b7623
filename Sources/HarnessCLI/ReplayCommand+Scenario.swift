import ArgumentParser
import Foundation
import Pipeline
import SystemSupport
import Validation

extension ReplayCommand {
    /// `harness replay SCENARIO.yaml`: runs the scenario, writes its reports, prints report.txt (or report.json
    /// with `--json`) and exits with the verdict's code.
    func runScenario() async throws {
        let scenario: Scenario
        do {
            scenario = try ScenarioParser.load(path: capture)
        } catch {
            throw BadInput(error.description)
        }
        var options = ScenarioRunOptions(
            runFolder: out ?? Self.defaultRunFolder(for: scenario.name, base: FileManager.default.currentDirectoryPath)
        )
        options.pace = speed.flatMap(ReplayPace.init)
        options.clickhouseDatabase = clickhouse.clickhouseDatabase
        options.clickhouseUser = clickhouse.clickhouseUser
        options.clickhousePassword = ProcessInfo.processInfo.environment["CLICKHOUSE_PASSWORD"]
        let runner = ScenarioRunner(scenario: scenario, scenarioPath: capture, options: options)
        let watcher = GracefulStop.watch { runner.requestStop(force: $0) }
        defer { watcher.cancel() }
        let faults = scenario.faults.count == 1 ? "1 fault" : "\(scenario.faults.count) faults"
        let random = scenario.random.map { " and \($0.count) drawn from seed \($0.seed)" } ?? ""
        Console.error(
            "scenario \(scenario.name): \(scenario.capture) at \(options.pace ?? scenario.pace), \(faults)\(random); "
                + "reports in \(options.runFolder)"
        )
        let outcome = try await Self.runBlocking(runner)
        let written: [String]
        do {
            written = try ReportWriter.write(outcome)
        } catch {
            throw PipelineError(
                .infrastructure,
                "could not write the reports (verdict \(outcome.verdict.rawValue)): \(error)"
            )
        }
        let shown = written.first { $0.hasSuffix(json ? "report.json" : "report.txt") }
        if let shown, let text = try? String(contentsOfFile: shown, encoding: .utf8) {
            Console.out(text)
        }
        if outcome.verdict != .pass {
            throw ExitCode(outcome.verdict.exitCode)
        }
    }

    /// `reports/<scenario>-<UTC time>` under `base`.
    static func defaultRunFolder(for name: String, base: String) -> String {
        ReplayConfiguration.defaultOutputDirectory(capturePath: name, base: base)
    }

    /// Runs the scenario on its own thread, with a progress line on a terminal.
    private static func runBlocking(_ runner: ScenarioRunner) async throws -> ScenarioOutcome {
        try await GracefulStop.runBlocking(named: "scenario") { progress in
            try runner.run(
                progress: { progress.show($0) },
                notice: { message in
                    progress.finish()
                    Console.error(message)
                }
            )
        }
    }
}
