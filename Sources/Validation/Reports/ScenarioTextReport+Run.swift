import Pipeline

extension ScenarioTextReport {
    /// Each fault's label, then its plan and what happened, under labels of one width across all faults.
    static func faults(_ faults: [FaultRecord]) -> [String] {
        guard !faults.isEmpty else { return ["Faults", "  none"] }
        func row(_ label: String, _ text: String) -> String {
            "    \(label.padding(toLength: 11, withPad: " ", startingAt: 0))  \(text)"
        }
        var lines = ["Faults"]
        for fault in faults {
            let spec = fault.spec
            lines.append("  \(fault.label)")
            lines.append(
                row(
                    "planned",
                    "\(ReportFormat.start(spec.start)) for \(ReportFormat.duration(spec.length))"
                        + (spec.line.map { " (line \($0))" } ?? " (drawn)")
                )
            )
            if let started = fault.startedSeconds {
                let ended = fault.endedSeconds.map { "\(ReportFormat.number($0)) s" } ?? "the end of the run"
                let recovery = fault.recoverySeconds.map { "\(ReportFormat.number($0)) s" } ?? "did not recover"
                lines.append(row("ran", "\(ReportFormat.number(started)) s to \(ended)"))
                lines.append(
                    row("recovery", recovery + (fault.recoveryDetail.isEmpty ? "" : ": \(fault.recoveryDetail)"))
                )
            } else {
                lines.append(row("ran", "never (the replay ended first)"))
            }
            for (index, transition) in fault.transitions.enumerated() {
                lines.append(row(index == 0 ? "transitions" : "", transition))
            }
            if let error = fault.error { lines.append(row("error", error)) }
        }
        return lines
    }

    static func randomSchedule(_ drawn: [FaultSpec], random: RandomFaults?) -> [String] {
        let title =
            "Random schedule"
            + (random.map { " (seed \($0.seed), \(drawn.count) of \($0.count) faults drawn)" } ?? "")
        var table = TextTable([.left, .left, .left])
        for spec in drawn {
            table.append([
                ReportFormat.start(spec.start), "for \(ReportFormat.duration(spec.length))", ReportFormat.label(spec),
            ])
        }
        return [title] + table.lines()
    }

    static func stageLatency(_ audit: AuditReport) -> [String] {
        guard !audit.stageLatency.isEmpty else { return ["Stage latency (ms)", "  none: nothing was stored"] }
        var table = TextTable([.left, .right, .right, .right, .right])
        table.append(["stage", "count", "p50", "p99", "max"])
        for stage in audit.stageLatency {
            table.append(
                [stage.stage, String(stage.count)]
                    + [stage.p50Ms, stage.p99Ms, stage.maxMs].map { String(format: "%.2f", $0) }
            )
        }
        return ["Stage latency (ms)"] + table.lines()
    }

    static func delivery(_ audit: AuditReport) -> [String] {
        var table = TextTable([.left, .left])
        table.append(["capture", "\(audit.captureEvents) events"])
        table.append([
            "published", "\(audit.published) (acked \(audit.acked), delivery failed \(audit.deliveryFailed))",
        ])
        if audit.notPublishedAfterStop > 0 {
            table.append(["not published", "\(audit.notPublishedAfterStop) after the stop request"])
        }
        table.append(["stored", "\(audit.stored) (\(audit.badLinesStored) bad lines stored apart)"])
        table.append([
            "lost",
            "\(audit.lost) (source \(audit.lostAtSource), kafka \(audit.lostInKafka), "
                + "processing/sink \(audit.lostInProcessing))",
        ])
        table.append([
            "duplicates",
            "\(audit.duplicatesStored) stored, \(audit.duplicatesDeliveredByKafka) delivered by Kafka and absorbed",
        ])
        table.append(["reordered", String(audit.reordered)])
        table.append([
            "reference",
            "\(audit.referenceCompared - audit.referenceMismatches) of \(audit.referenceCompared) events equal to the "
                + "run without Kafka",
        ])
        table.append([
            "traces",
            "\(String(format: "%.2f", audit.traceCompleteness * 100))% complete "
                + "(\(audit.traceComplete) of \(audit.stored))",
        ])
        return ["Delivery"] + table.lines()
    }

    static func health(_ health: HealthSummary) -> [String] {
        var table = TextTable([.left, .left])
        table.append([
            "score", "\(health.finalScore) at the end, lowest \(health.minimumScore) over \(health.samples) samples",
        ])
        let alerts = health.alertsRaised.sorted { $0.key < $1.key }.map { "\($0.key) x\($0.value)" }
        table.append(["alerts raised", alerts.isEmpty ? "none" : alerts.joined(separator: ", ")])
        table.append(["bottleneck", health.bottleneck ?? "none seen"])
        for (index, recommendation) in health.recommendations.enumerated() {
            table.append([index == 0 ? "recommendations" : "", recommendation])
        }
        return ["Health"] + table.lines()
    }
}
