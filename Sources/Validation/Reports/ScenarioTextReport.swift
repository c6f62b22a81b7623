import Pipeline

/// `report.txt`: a scenario run for people. The first line is the verdict and why
/// (`FAIL: broker-loss, 1 of 5 checks failed`); then the scenario and run, the checks with their evidence, the
/// thresholds with the values they were judged on, the faults as they happened, the random schedule, latency per
/// stage, delivery counts, the health verdict and the parts of the pipeline that failed. Plain ASCII layout, aligned
/// columns.
public enum ScenarioTextReport {
    /// How many evidence lines a check shows; the rest are counted.
    static let evidenceLimit = 10

    /// The report's text, ending with a newline.
    public static func render(_ outcome: ScenarioOutcome) -> String {
        var sections = [
            [outcome.verdictLine], header(outcome), checks(outcome.checks), thresholds(outcome.thresholds),
            faults(outcome.faults),
        ]
        if !outcome.drawnFaults.isEmpty {
            sections.append(randomSchedule(outcome.drawnFaults, random: outcome.scenario.random))
        }
        sections += [stageLatency(outcome.replay.audit), delivery(outcome.replay.audit), health(outcome.replay.health)]
        if !outcome.replay.failures.isEmpty {
            sections.append(["Failures"] + outcome.replay.failures.map { "  \($0)" })
        }
        return sections.map { $0.joined(separator: "\n") }.joined(separator: "\n\n") + "\n"
    }

    private static func header(_ outcome: ScenarioOutcome) -> [String] {
        let replay = outcome.replay
        var table = TextTable([.left, .left])
        table.append(["scenario", outcome.scenario.name])
        if !outcome.scenario.description.isEmpty { table.append(["description", outcome.scenario.description]) }
        table.append(["file", outcome.scenarioPath])
        table.append(["capture", "\(outcome.scenario.capture) (\(replay.audit.captureEvents) events)"])
        table.append(["pace", outcome.replay.configuration.pace.description])
        table.append(["sink", replay.sinkDestination])
        table.append(["started", ReportFormat.timestamp(outcome.startedAt)])
        table.append(["run folder", outcome.runFolder])
        table.append(["run id", String(replay.runID, radix: 16)])
        table.append([
            "elapsed",
            "\(ReportFormat.number(Double(replay.elapsedNs) / 1e9)) s whole run; "
                + "\(ReportFormat.number(Double(replay.pipelineElapsedNs) / 1e9)) s from first publish to all stored, "
                + "\(Int(replay.eventsPerSecond)) events/s",
        ])
        return table.lines(indent: "")
    }

    private static func checks(_ checks: [CheckResult]) -> [String] {
        guard !checks.isEmpty else { return ["Checks", "  none"] }
        let failed = checks.filter { !$0.passed }.count
        let width = checks.map(\.kind.rawValue.count).max() ?? 0
        var lines = ["Checks (\(failed) of \(checks.count) failed)"]
        for check in checks {
            let name = check.kind.rawValue.padding(toLength: width, withPad: " ", startingAt: 0)
            lines.append("  \(check.passed ? "PASS" : "FAIL")  \(name)  \(check.summary)")
            lines += check.evidence.prefix(evidenceLimit).map { "        \($0)" }
            if check.evidence.count > evidenceLimit {
                lines.append("        ... and \(check.evidence.count - evidenceLimit) more")
            }
        }
        return lines
    }

    private static func thresholds(_ thresholds: [ThresholdEvaluation]) -> [String] {
        guard !thresholds.isEmpty else { return ["Thresholds", "  none"] }
        let failed = thresholds.filter { !$0.passed }.count
        var table = TextTable([.left, .left, .left, .right])
        table.append(["", "metric", "condition", "observed"])
        for threshold in thresholds {
            for outcome in threshold.outcomes {
                table.append([
                    outcome.passed ? "PASS" : "FAIL",
                    threshold.metric,
                    ReportFormat.condition(outcome.condition),
                    outcome.observed.map(ReportFormat.number) ?? "not measured",
                ])
            }
        }
        return ["Thresholds (\(failed) of \(thresholds.count) failed)"] + table.lines()
    }
}
