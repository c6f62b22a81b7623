/// `junit.xml` for a scenario run: a ``JUnitReport`` named after the scenario, with one test case per check
/// (class `checks`), one per threshold (class `thresholds`) and one for the run itself (`run.pipeline`), which fails
/// when a part of the pipeline failed, a fault could not run as written, or the run was interrupted: CI must never
/// show green next to a non-zero exit code.
public enum ScenarioJUnitReport {
    /// The JUnit report of `outcome`.
    public static func report(_ outcome: ScenarioOutcome) -> JUnitReport {
        JUnitReport(
            suiteName: outcome.scenario.name,
            testCases: outcome.checks.map(testCase) + outcome.thresholds.map(testCase) + [pipeline(outcome)]
        )
    }

    private static func testCase(_ check: CheckResult) -> JUnitReport.TestCase {
        JUnitReport.TestCase(
            name: check.kind.rawValue,
            className: "checks",
            failure: check.passed
                ? nil : JUnitReport.Failure(message: check.summary, details: check.evidence.joined(separator: "\n"))
        )
    }

    /// Fails when a condition fails; the message names the failed conditions, the details list every condition.
    private static func testCase(_ threshold: ThresholdEvaluation) -> JUnitReport.TestCase {
        func line(_ outcome: ThresholdEvaluation.Outcome) -> String {
            "\(ReportFormat.condition(outcome.condition)): observed "
                + (outcome.observed.map(ReportFormat.number) ?? "nothing (not measured)")
        }
        let failed = threshold.outcomes.filter { !$0.passed }
        return JUnitReport.TestCase(
            name: threshold.metric,
            className: "thresholds",
            failure: failed.isEmpty
                ? nil
                : JUnitReport.Failure(
                    message: failed.map(line).joined(separator: "; "),
                    details: threshold.outcomes.map { "\($0.passed ? "PASS" : "FAIL") \(line($0))" }
                        .joined(separator: "\n")
                )
        )
    }

    /// The run as a whole: its time is the run's, and it fails when a part of the pipeline failed.
    private static func pipeline(_ outcome: ScenarioOutcome) -> JUnitReport.TestCase {
        JUnitReport.TestCase(
            name: "pipeline",
            className: "run",
            seconds: Double(outcome.replay.elapsedNs) / 1e9,
            failure: runFailure(outcome)
        )
    }

    private static func runFailure(_ outcome: ScenarioOutcome) -> JUnitReport.Failure? {
        let faultErrors = outcome.faults.compactMap { fault in fault.error.map { "\(fault.label): \($0)" } }
        var messages: [String] = []
        if let pipelineFailure = outcome.pipelineFailure { messages.append(pipelineFailure) }
        if !faultErrors.isEmpty { messages.append("\(faultErrors.count) fault(s) did not run as written") }
        if outcome.replay.interrupted { messages.append("interrupted before the end of the capture") }
        guard !messages.isEmpty else { return nil }
        return JUnitReport.Failure(
            message: messages.joined(separator: "; "),
            details: (outcome.replay.failures + faultErrors).joined(separator: "\n")
        )
    }
}
