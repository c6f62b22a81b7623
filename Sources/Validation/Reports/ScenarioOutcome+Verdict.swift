extension ScenarioOutcome {
    /// `FAIL: broker-loss, 2 of 7 checks and 1 of 4 thresholds failed`: the verdict, the scenario and why.
    var verdictLine: String {
        "\(verdict.rawValue.uppercased()): \(scenario.name), \(verdictReason)"
    }

    /// Why the verdict is what it is, in one phrase.
    var verdictReason: String {
        let failedChecks = checks.filter { !$0.passed }.count
        let failedThresholds = thresholds.filter { !$0.passed }.count
        var failed: [String] = []
        if failedChecks > 0 { failed.append("\(failedChecks) of \(ReportFormat.count(checks.count, "check"))") }
        if failedThresholds > 0 {
            failed.append("\(failedThresholds) of \(ReportFormat.count(thresholds.count, "threshold"))")
        }
        var reasons = failed.isEmpty ? [] : [failed.joined(separator: " and ") + " failed"]
        if let pipelineFailure { reasons.append(pipelineFailure) }
        let faultErrors = faults.filter { $0.error != nil }.count
        if faultErrors > 0 {
            reasons.append("\(ReportFormat.count(faultErrors, "fault")) could not be applied or lifted as written")
        }
        switch verdict {
        case .pass:
            return "\(ReportFormat.count(checks.count, "check")) and "
                + "\(ReportFormat.count(thresholds.count, "threshold")) passed"
        case .fail:
            return reasons.joined(separator: "; ")
        case .interrupted:
            let stopped =
                "stopped before the end of the capture (\(replay.audit.notPublishedAfterStop) events not published)"
            return ([stopped] + reasons).joined(separator: "; ")
        }
    }

    /// `the pipeline could not finish (processor 0: ... and 1 more)`; `nil` when no part of the pipeline failed.
    var pipelineFailure: String? {
        let failures = replay.failures
        guard let first = failures.first else { return nil }
        let more = failures.count > 1 ? " and \(failures.count - 1) more" : ""
        return "the pipeline could not finish (\(first)\(more))"
    }
}
