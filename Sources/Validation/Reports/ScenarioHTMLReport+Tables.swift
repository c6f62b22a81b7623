extension ScenarioHTMLReport {
    static func checks(_ checks: [CheckResult]) -> String {
        guard !checks.isEmpty else { return "<p>None.</p>" }
        let limit = ScenarioTextReport.evidenceLimit
        return table(
            header: ["", "check", "summary", "evidence"],
            rows: checks.map { check in
                var evidence = check.evidence.prefix(limit).map { "<li>\(Markup.escape($0))</li>" }
                if check.evidence.count > limit {
                    evidence.append("<li>... and \(check.evidence.count - limit) more</li>")
                }
                return [
                    status(check.passed), td(check.kind.rawValue), td(check.summary),
                    "<td>" + (evidence.isEmpty ? "" : "<ul class=\"evidence\">\(evidence.joined())</ul>") + "</td>",
                ]
            }
        )
    }

    static func thresholds(_ thresholds: [ThresholdEvaluation]) -> String {
        guard !thresholds.isEmpty else { return "<p>None.</p>" }
        return table(
            header: ["", "metric", "condition", "observed"],
            rows: thresholds.flatMap { threshold in
                threshold.outcomes.map { outcome in
                    [
                        status(outcome.passed), td(threshold.metric), td(ReportFormat.condition(outcome.condition)),
                        td(outcome.observed.map(ReportFormat.number) ?? "not measured"),
                    ]
                }
            }
        )
    }

    static func faults(_ faults: [FaultRecord]) -> String {
        guard !faults.isEmpty else { return "<p>None.</p>" }
        return table(
            header: ["fault", "planned", "ran (s)", "recovery", "transitions", "error"],
            rows: faults.map { fault in
                let planned = "\(ReportFormat.start(fault.spec.start)) for \(ReportFormat.duration(fault.spec.length))"
                var ran = "never (the replay ended first)"
                var recovery = ""
                if let started = fault.startedSeconds {
                    ran =
                        "\(ReportFormat.number(started)) to "
                        + (fault.endedSeconds.map(ReportFormat.number) ?? "the end")
                    recovery =
                        (fault.recoverySeconds.map { "\(ReportFormat.number($0)) s" } ?? "did not recover")
                        + (fault.recoveryDetail.isEmpty ? "" : ": \(fault.recoveryDetail)")
                }
                return [
                    td(fault.label), td(planned), td(ran), td(recovery),
                    td(fault.transitions.joined(separator: "\n"), class: "lines"), td(fault.error ?? ""),
                ]
            }
        )
    }

    static func failures(_ failures: [String]) -> [String] {
        guard !failures.isEmpty else { return [] }
        return ["<h2>Failures</h2>", "<ul>" + failures.map { "<li>\(Markup.escape($0))</li>" }.joined() + "</ul>"]
    }

    /// A table with a header row (none when `header` is empty) and rows of rendered cells.
    static func table(header: [String], rows: [[String]]) -> String {
        let head = header.isEmpty ? [] : ["<tr>" + header.map(th).joined() + "</tr>"]
        return (["<table>"] + head + rows.map { "<tr>" + $0.joined() + "</tr>" } + ["</table>"])
            .joined(separator: "\n")
    }

    static func td(_ text: String, class name: String? = nil) -> String {
        "<td" + (name.map { " class=\"\($0)\"" } ?? "") + ">\(Markup.escape(text))</td>"
    }

    static func th(_ text: String) -> String {
        "<th>\(Markup.escape(text))</th>"
    }

    private static func status(_ passed: Bool) -> String {
        td(passed ? "PASS" : "FAIL", class: passed ? "PASS" : "FAIL")
    }
}
