/// `report.html`: a scenario run as one self-contained page (no scripts, style sheets or fonts from elsewhere): the
/// verdict, the checks, thresholds and faults as tables, and charts of throughput, consumer lag, end-to-end p99
/// latency and health score over the run with each fault's window shaded and labelled. All text is escaped.
public enum ScenarioHTMLReport {
    /// The page.
    public static func render(_ outcome: ScenarioOutcome) -> String {
        let verdict = outcome.verdict.rawValue
        let body =
            [
                "<h1 class=\"\(verdict)\">\(Markup.escape(outcome.verdictLine))</h1>",
                facts(outcome),
                "<h2>Checks</h2>", checks(outcome.checks),
                "<h2>Thresholds</h2>", thresholds(outcome.thresholds),
                "<h2>Faults</h2>", faults(outcome.faults),
                "<h2>Over time</h2>", charts(outcome),
            ] + failures(outcome.replay.failures)
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>\(Markup.escape(outcome.verdictLine))</title>
            <style>
            \(style)
            </style>
            </head>
            <body>
            \(body.joined(separator: "\n"))
            </body>
            </html>

            """
    }

    private static let style = """
        body { font: 14px/1.4 system-ui, sans-serif; margin: 2em; color: #222; max-width: 1100px; }
        h1.pass { color: #1a7f37; } h1.fail { color: #cf222e; } h1.interrupted { color: #9a6700; }
        table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
        th, td { border: 1px solid #d0d7de; padding: 4px 8px; text-align: left; vertical-align: top; }
        td.PASS { color: #1a7f37; font-weight: bold; } td.FAIL { color: #cf222e; font-weight: bold; }
        td.lines { white-space: pre-line; }
        ul.evidence { margin: 0; padding-left: 1.2em; font-family: ui-monospace, monospace; font-size: 12px; }
        svg { width: 100%; max-width: 720px; display: block; margin-bottom: 1em; }
        svg .chart-title { font-size: 13px; font-weight: bold; fill: #222; }
        svg .axis { font-size: 10px; fill: #57606a; }
        svg .grid { stroke: #d0d7de; stroke-width: 0.5; }
        svg .fault { fill: #fb8f44; fill-opacity: 0.25; }
        svg .fault-label { font-size: 10px; fill: #9a6700; }
        svg polyline.series { fill: none; stroke: #0969da; stroke-width: 1.5; }
        svg circle.series { fill: #0969da; }
        """

    private static func facts(_ outcome: ScenarioOutcome) -> String {
        let replay = outcome.replay
        let rows = [
            ("scenario", outcome.scenario.name), ("description", outcome.scenario.description),
            ("file", outcome.scenarioPath), ("capture", outcome.scenario.capture),
            ("pace", outcome.replay.configuration.pace.description),
            ("started", ReportFormat.timestamp(outcome.startedAt)),
            ("run folder", outcome.runFolder), ("run id", String(replay.runID, radix: 16)),
            (
                "elapsed",
                "\(ReportFormat.number(Double(replay.elapsedNs) / 1e9)) s, \(Int(replay.eventsPerSecond)) events/s"
            ),
        ]
        return table(header: [], rows: rows.map { [th($0.0), td($0.1)] })
    }

    private static func charts(_ outcome: ScenarioOutcome) -> String {
        guard !outcome.samples.isEmpty else { return "<p>No health samples were taken.</p>" }
        let ends = outcome.faults.compactMap { $0.endedSeconds ?? $0.startedSeconds }
        let duration = max(outcome.samples.map(\.seconds).max() ?? 0, ends.max() ?? 0)
        let windows = outcome.faults.compactMap { fault -> SVGLineChart.Window? in
            guard let start = fault.startedSeconds else { return nil }
            let end = fault.endedSeconds ?? duration
            return SVGLineChart.Window(
                start: start,
                end: end,
                label: fault.spec.kind.rawValue,
                detail: "\(fault.label): \(ReportFormat.number(start)) s to \(ReportFormat.number(end)) s"
            )
        }
        let series: [(title: String, value: (MetricSample) -> Double?, ceiling: Double?)] = [
            ("Throughput (events stored/s)", { $0.throughput }, nil),
            ("Consumer lag (messages)", { $0.consumerLag }, nil),
            ("End-to-end latency p99 (ms)", { $0.endToEndP99Ms }, nil),
            ("Health score", { $0.healthScore }, 100),
        ]
        return series.map { title, value, ceiling in
            SVGLineChart(
                title: title,
                points: outcome.samples.map { ($0.seconds, value($0)) },
                windows: windows,
                duration: duration,
                ceiling: ceiling
            ).svg
        }.joined(separator: "\n")
    }
}
