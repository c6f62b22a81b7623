import Foundation
import Testing
import Validation

#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite("JUnit XML report")
struct JUnitReportTests {
    @Test("The report is well-formed JUnit XML: suite counts, one test case per item, failures with evidence")
    func structure() throws {
        let report = JUnitReport(
            suiteName: "broker-loss",
            testCases: [
                .init(name: "no_loss", className: "checks", seconds: 0.5, failure: nil),
                .init(
                    name: "e2e_latency_ms p99 < 500",
                    className: "thresholds",
                    failure: .init(message: "p99 was 812 ms", details: "seq 42 <AAPL> & \"late\"\u{1}")
                ),
            ]
        )
        let document = try XMLDocument(xmlString: report.xml)
        let root = try #require(document.rootElement())
        #expect(root.name == "testsuites")
        #expect(root.attribute(forName: "tests")?.stringValue == "2")
        #expect(root.attribute(forName: "failures")?.stringValue == "1")
        let suite = try #require(root.elements(forName: "testsuite").first)
        #expect(suite.attribute(forName: "name")?.stringValue == "broker-loss")
        let cases = suite.elements(forName: "testcase")
        #expect(cases.map { $0.attribute(forName: "name")?.stringValue } == ["no_loss", "e2e_latency_ms p99 < 500"])
        #expect(cases[0].elements(forName: "failure").isEmpty)
        let failure = try #require(cases[1].elements(forName: "failure").first)
        #expect(failure.attribute(forName: "message")?.stringValue == "p99 was 812 ms")
        #expect(failure.stringValue == "seq 42 <AAPL> & \"late\"?")
    }
}
