import Foundation
import Pipeline
import Testing
import Validation

#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite("Scenario reports")
struct ReportTests {
    /// Writes the reports of `outcome` (built for a fresh run folder) and hands their contents, by file name, to
    /// `body`.
    private func withReports(
        _ outcome: (String) throws -> ScenarioOutcome,
        _ body: ([String: String]) throws -> Void
    ) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reports-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let paths = try ReportWriter.write(try outcome(folder.path))
        #expect(
            paths.map { URL(fileURLWithPath: $0).lastPathComponent } == [
                "report.txt", "report.json", "junit.xml", "report.html",
            ]
        )
        var files: [String: String] = [:]
        for path in paths {
            files[URL(fileURLWithPath: path).lastPathComponent] = try String(contentsOfFile: path, encoding: .utf8)
        }
        try body(files)
    }

    @Test("report.txt: the verdict and why first, then checks with evidence, thresholds, faults, latency, health")
    func failingText() throws {
        try withReports(ReportTestOutcomes.failing) { files in
            let text = try #require(files["report.txt"])
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            #expect(
                lines.first
                    == "FAIL: broker-loss, 1 of 2 checks and 1 of 2 thresholds failed; the pipeline could not finish "
                    + "(processor 0: sink full)"
            )
            #expect(lines.contains("  FAIL  no_loss        12 of 100 events lost <AAPL>"))
            #expect(lines.contains("        seq 1 AAPL trace 1: last seen at kafka: never stored"))
            #expect(lines.contains("        seq 10 AAPL trace 10: last seen at kafka: never stored"))
            #expect(!text.contains("seq 11 AAPL"))
            #expect(lines.contains("        ... and 2 more"))
            #expect(lines.contains("  PASS  no_duplicates  0 copies stored"))
            #expect(lines.contains("  FAIL  consumer_lag{after:fault}  max < 10   not measured"))
            #expect(lines.contains("  PASS  e2e_latency_ms             p99 < 500           120"))
            #expect(lines.contains("    planned      at_event 500 for 1s (line 7)"))
            #expect(lines.contains("    recovery     1.5 s: lag 0 at 6.5 s, throughput 980/s against 1000/s before"))
            #expect(lines.contains("    recovery     did not recover: lag still 340 at the end"))
            #expect(lines.contains("    ran          never (the replay ended first)"))
            #expect(lines.contains("    transitions  breaker kafka closed -> open at 2.1 s"))
            #expect(text.contains("Random schedule (seed 7, 1 of 1 faults drawn)"))
            #expect(lines.contains("  kafka       88  1.25  8.50  12.00"))
            #expect(lines.contains("  lost        12 (source 0, kafka 12, processing/sink 0)"))
            #expect(lines.contains("  bottleneck       storage: queue 340 deep"))
            #expect(lines.contains("  recommendations  add processors"))
            #expect(lines.contains("Failures"))
            #expect(text.unicodeScalars.allSatisfy { $0.isASCII })
        }
    }

    @Test("report.json: versioned schema, verdict and exit code, null for what was never measured")
    func failingJSON() throws {
        try withReports(ReportTestOutcomes.failing) { files in
            let data = Data(try #require(files["report.json"]).utf8)
            let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect(json["schema"] as? String == "harness.scenario-report")
            #expect(json["schema_version"] as? Int == 1)
            #expect(json["verdict"] as? String == "fail")
            #expect(json["exit_code"] as? Int == 1)
            let scenario = try #require(json["scenario"] as? [String: Any])
            #expect(scenario["seed"] as? Int == 42 && scenario["random_seed"] as? Int == 7)
            #expect(scenario["pace"] as? String == "10x")
            let run = try #require(json["run"] as? [String: Any])
            #expect(run["started_at"] as? String == "2027-01-15T08:00:00Z")
            #expect(run["run_id"] as? String == "abc123" && run["elapsed_s"] as? Double == 12)
            let checks = try #require(json["checks"] as? [[String: Any]])
            #expect(checks.map { $0["name"] as? String } == ["no_loss", "no_duplicates"])
            #expect((checks[0]["evidence"] as? [String])?.count == 12)
            let thresholds = try #require(json["thresholds"] as? [[String: Any]])
            let lag = try #require(thresholds.first { $0["metric"] as? String == "consumer_lag{after:fault}" })
            let condition = try #require((lag["conditions"] as? [[String: Any]])?.first)
            #expect(condition["observed"] is NSNull)
            #expect(condition["condition"] as? String == "max < 10" && condition["passed"] as? Bool == false)
            let faults = try #require(json["faults"] as? [[String: Any]])
            #expect(faults.count == 3)
            #expect(faults[0]["at_s"] as? Double == 2 && faults[0]["at_event"] is NSNull)
            #expect((faults[0]["parameters"] as? [String: Any])?["broker"] as? Double == 1)
            #expect(faults[1]["at_event"] as? Int == 500 && faults[1]["recovery_s"] is NSNull)
            #expect((faults[1]["parameters"] as? [String: Any])?["delay"] as? String == "200ms")
            #expect(faults[2]["started_s"] is NSNull && faults[0]["recovery_s"] as? Double == 1.5)
            let schedule = try #require(json["random_schedule"] as? [[String: Any]])
            #expect(schedule.first?["kind"] as? String == "kafka.leader_move")
            let audit = try #require(json["audit"] as? [String: Any])
            #expect(audit["lost_in_kafka"] as? Int == 12)
            #expect((audit["stage_latency"] as? [[String: Any]])?.first?["p99_ms"] as? Double == 8.5)
            #expect((json["health"] as? [String: Any])?["bottleneck"] as? String == "storage: queue 340 deep")
            #expect((json["samples"] as? [[String: Any]])?.count == 10)
            #expect(json["failures"] as? [String] == ["processor 0: sink full"])
        }
    }

    @Test("junit.xml: one test case per check and threshold and one for the pipeline; failures carry evidence")
    func failingJUnit() throws {
        try withReports(ReportTestOutcomes.failing) { files in
            let document = try XMLDocument(xmlString: try #require(files["junit.xml"]))
            let suite = try #require(document.rootElement()?.elements(forName: "testsuite").first)
            #expect(suite.attribute(forName: "name")?.stringValue == "broker-loss")
            let cases = suite.elements(forName: "testcase")
            #expect(cases.count == 5)
            let failed = cases.filter { !$0.elements(forName: "failure").isEmpty }
            func qualifiedName(_ test: XMLElement) -> String {
                [test.attribute(forName: "classname"), test.attribute(forName: "name")]
                    .map { $0?.stringValue ?? "" }.joined(separator: ".")
            }
            #expect(
                failed.map(qualifiedName) == ["checks.no_loss", "thresholds.consumer_lag{after:fault}", "run.pipeline"]
            )
            let evidence = try #require(failed[0].elements(forName: "failure").first)
            #expect(evidence.attribute(forName: "message")?.stringValue == "12 of 100 events lost <AAPL>")
            #expect(evidence.stringValue?.contains("seq 12 AAPL trace 12") == true)
            let threshold = try #require(failed[1].elements(forName: "failure").first)
            #expect(threshold.stringValue == "FAIL max < 10: observed nothing (not measured)")
        }
    }

    @Test("report.html: self-contained, the tables, a chart per metric with each fault that ran shaded, text escaped")
    func failingHTML() throws {
        try withReports(ReportTestOutcomes.failing) { files in
            let html = try #require(files["report.html"])
            #expect(html.hasPrefix("<!DOCTYPE html>"))
            #expect(html.components(separatedBy: "<svg ").count - 1 == 4)
            // Two of the three faults ran: each is shaded once in each of the four charts.
            #expect(html.components(separatedBy: "<rect class=\"fault\"").count - 1 == 8)
            #expect(html.contains("<title>kafka.broker_down broker=1: 2 s to 5 s</title>"))
            #expect(html.contains(">kafka.broker_down</text>"))
            #expect(html.contains("<td>12 of 100 events lost &lt;AAPL&gt;</td>"))
            #expect(!html.contains("<AAPL>"))
            #expect(html.contains("<li>seq 1 AAPL trace 1: last seen at kafka: never stored</li>"))
            #expect(html.contains("<td>not measured</td>"))
            #expect(!html.contains("<script") && !html.contains("<link") && !html.contains("src="))
        }
    }

    @Test("A run where everything held passes, exit code 0, in every report")
    func passing() throws {
        try withReports(ReportTestOutcomes.passing) { files in
            let text = try #require(files["report.txt"])
            #expect(text.hasPrefix("PASS: clean, 1 check and 1 threshold passed\n"))
            let data = Data(try #require(files["report.json"]).utf8)
            let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect(json["verdict"] as? String == "pass" && json["exit_code"] as? Int == 0)
            let document = try XMLDocument(xmlString: try #require(files["junit.xml"]))
            #expect(document.rootElement()?.attribute(forName: "tests")?.stringValue == "3")
            #expect(document.rootElement()?.attribute(forName: "failures")?.stringValue == "0")
            #expect(try #require(files["report.html"]).contains("<p>No health samples were taken.</p>"))
        }
        #expect(try ReportTestOutcomes.passing(folder: "/tmp").verdict.exitCode == 0)
    }

    @Test("An interrupted run says so first, even with failures")
    func interrupted() throws {
        var outcome = try ReportTestOutcomes.failing(folder: "/tmp")
        outcome.replay.interrupted = true
        outcome.replay.audit.notPublishedAfterStop = 40
        let first = ScenarioTextReport.render(outcome).prefix { $0 != "\n" }
        #expect(
            first.hasPrefix("INTERRUPTED: broker-loss, stopped before the end of the capture (40 events not published)")
        )
        #expect(ScenarioJUnitReport.report(outcome).testCases.count == 5)
    }

    @Test("A report that cannot be written names its file")
    func unwritable() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("missing-\(UUID().uuidString)")
        let outcome = try ReportTestOutcomes.passing(folder: folder.path)
        let error = try #require(throws: ReportError.self) { try ReportWriter.write(outcome) }
        #expect(error.path == folder.appendingPathComponent("report.txt").path)
        #expect(error.description.contains("report.txt") && error.description.contains("writable"))
    }
}
