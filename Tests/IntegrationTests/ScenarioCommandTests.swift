import Foundation
import SystemSupport
import Testing

@Suite("harness replay SCENARIO.yaml as a process", .serialized, .timeLimit(.minutes(5)))
struct ScenarioCommandTests {
    let harness = ChildProcess.harnessBinary
    static let multiSymbol50s = ReplayCommandTests.repository.appendingPathComponent("fixtures/multi-symbol-50s.sqlite")
        .path

    /// A scenario file in `directory` over the 50-second fixture with `faults` and `checks`.
    private func scenarioFile(
        in directory: TemporaryDirectory,
        pace: String = "10x",
        faults: String,
        checks: String
    ) throws -> String {
        let path = directory.url.appendingPathComponent("scenario.yaml").path
        try """
        name: command-test
        capture: \(Self.multiSymbol50s)
        replay: { speed: \(pace) }
        pipeline: { redis: managed }
        faults:
        \(faults)
        checks: \(checks)
        """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("a passing scenario exits 0, prints report.txt and writes every report")
    func passes() async throws {
        let directory = try TemporaryDirectory()
        defer { try? directory.remove() }
        let file = try scenarioFile(
            in: directory,
            faults: "  - { kind: net.latency, target: redis, latency: 20ms, at: 1s, for: 1s }",
            checks: "[no_loss, no_duplicates, per_symbol_order, trace_complete, matches_reference, recovers]"
        )
        let out = directory.url.appendingPathComponent("run").path
        let result = try await ChildProcess.runDetached(harness, ["replay", file, "--out", out])
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.hasPrefix("PASS: command-test"), "\(result.stdout)")
        #expect(result.stderr.contains("fault net.latency latency=20ms target=redis started at"))
        for name in ["report.txt", "report.json", "junit.xml", "report.html", "run.sqlite"] {
            #expect(FileManager.default.fileExists(atPath: "\(out)/\(name)"), "\(name) missing")
        }
    }

    @Test("a failing check exits 1, says FAIL first and carries the witnesses into junit.xml")
    func failingCheckExitsOne() async throws {
        let directory = try TemporaryDirectory()
        defer { try? directory.remove() }
        let file = try scenarioFile(
            in: directory,
            faults: "  - { kind: sink.lose, count: 1, at: 1s, for: 1s }",
            checks: "[no_loss]"
        )
        let out = directory.url.appendingPathComponent("run").path
        let result = try await ChildProcess.runDetached(harness, ["replay", file, "--out", out])
        #expect(result.status == 1, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.hasPrefix("FAIL: command-test"), "\(result.stdout)")
        let junit = try String(contentsOfFile: "\(out)/junit.xml", encoding: .utf8)
        #expect(junit.contains("<failure message=\"") && junit.contains("never stored"))
    }

    @Test("a wrong scenario file, a missing one and a pipeline flag next to a scenario exit 2, naming the problem")
    func usageErrors() throws {
        let directory = try TemporaryDirectory()
        defer { try? directory.remove() }
        let file = directory.url.appendingPathComponent("bad.yaml").path
        try "name: x\ncapture: c\nchecks: [no_los]\n".write(toFile: file, atomically: true, encoding: .utf8)
        let bad = try ChildProcess.run(harness, ["replay", file])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("bad.yaml:3:"), "\(bad.stderr)")
        #expect(bad.stderr.contains("did you mean 'no_loss'?"), "\(bad.stderr)")
        let missing = try ChildProcess.run(harness, ["replay", directory.url.appendingPathComponent("no.yaml").path])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("scenario") && missing.stderr.contains("no.yaml"), "\(missing.stderr)")
        let flag = try ChildProcess.run(harness, ["replay", file, "--kafka", "127.0.0.1:9092"])
        #expect(flag.status == 2)
        #expect(flag.stderr.contains("--kafka does not apply to a scenario"), "\(flag.stderr)")
        let preflight = try scenarioFile(
            in: directory,
            faults: "  - { kind: kafka.broker_down, broker: 7, at: 1s, for: 1s }",
            checks: "[no_loss]"
        )
        let refused = try ChildProcess.run(harness, ["replay", preflight])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("broker 7 does not exist"), "\(refused.stderr)")
    }

    @Test("Ctrl-C during a scenario drains, writes the reports and exits 4 with INTERRUPTED first")
    func interrupted() throws {
        let directory = try TemporaryDirectory()
        defer { try? directory.remove() }
        let file = try scenarioFile(
            in: directory,
            pace: "recorded",
            faults: "  - { kind: feed.stall, at: 1s, for: 1s }",
            checks: "[no_loss]"
        )
        let out = directory.url.appendingPathComponent("run").path
        let child = try ChildProcess(harness, ["replay", file, "--out", out])
        #expect(child.readLine(startingWith: "fault feed.stall ended", fromStderr: true, within: .seconds(60)) != nil)
        child.interrupt()
        let result = child.finish()
        #expect(result.status == 4, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.hasPrefix("INTERRUPTED: command-test"), "\(result.stdout)")
        #expect(FileManager.default.fileExists(atPath: "\(out)/report.json"))
    }
}
