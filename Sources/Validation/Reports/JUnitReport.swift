/// A JUnit XML report: one test suite, one test case per check and threshold, failures carrying their evidence.
/// CI systems (Jenkins, GitLab, GitHub) read it to show which check failed and why.
public struct JUnitReport: Sendable {
    /// Why a test case failed: a one-line message and the evidence.
    public struct Failure: Sendable, Hashable {
        public var message: String
        public var details: String

        public init(message: String, details: String) {
            self.message = message
            self.details = details
        }
    }

    /// One check or threshold.
    public struct TestCase: Sendable, Hashable {
        public var name: String
        /// The group it belongs to, e.g. `checks` or `thresholds`.
        public var className: String
        public var seconds: Double
        /// `nil` when it passed.
        public var failure: Failure?

        public init(name: String, className: String, seconds: Double = 0, failure: Failure?) {
            self.name = name
            self.className = className
            self.seconds = seconds
            self.failure = failure
        }
    }

    public var suiteName: String
    public var testCases: [TestCase]

    public init(suiteName: String, testCases: [TestCase]) {
        self.suiteName = suiteName
        self.testCases = testCases
    }

    /// The report as XML text.
    public var xml: String {
        let failures = testCases.filter { $0.failure != nil }.count
        let seconds = testCases.reduce(0) { $0 + $1.seconds }
        var lines = [
            #"<?xml version="1.0" encoding="UTF-8"?>"#,
            "<testsuites tests=\"\(testCases.count)\" failures=\"\(failures)\" time=\"\(seconds)\">",
            "  <testsuite name=\"\(Markup.escape(suiteName))\" tests=\"\(testCases.count)\" failures=\"\(failures)\" "
                + "errors=\"0\" time=\"\(seconds)\">",
        ]
        for test in testCases {
            let opening =
                "    <testcase name=\"\(Markup.escape(test.name))\" classname=\"\(Markup.escape(test.className))\" "
                + "time=\"\(test.seconds)\""
            if let failure = test.failure {
                lines.append(opening + ">")
                lines.append(
                    "      <failure message=\"\(Markup.escape(failure.message))\">"
                        + "\(Markup.escape(failure.details))</failure>"
                )
                lines.append("    </testcase>")
            } else {
                lines.append(opening + "/>")
            }
        }
        lines.append("  </testsuite>")
        lines.append("</testsuites>")
        return lines.joined(separator: "\n") + "\n"
    }
}
