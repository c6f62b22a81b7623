import Pipeline

/// The checks that need the fault timeline as well as the audit: `recovers` and `source_gaps_detected`.
enum FaultChecks {
    /// `recovers`: every fault ran as written and recovered (see ``RecoveryAnalysis``), with its time and the breaker
    /// and alert transitions seen. A fault that never ran, or could not be applied, proves nothing and fails it.
    static func recovers(_ faults: [FaultRecord]) -> CheckResult {
        let ran = faults.filter { $0.startedSeconds != nil && $0.error == nil }
        let unrecovered = ran.filter { $0.recoverySeconds == nil }
        let slowest = ran.compactMap(\.recoverySeconds).max()
        var summary = "\(ran.count - unrecovered.count) of \(faults.count) faults recovered"
        if let slowest { summary += "; slowest \(FaultTimeline.format(slowest)) after its end" }
        if faults.count > ran.count { summary += "; \(faults.count - ran.count) did not run as written" }
        if faults.isEmpty { summary = "no faults, so nothing had to recover" }
        var evidence: [String] = []
        for fault in faults {
            guard fault.error == nil, fault.startedSeconds != nil else {
                evidence.append("\(fault.label): \(fault.error ?? "did not run")")
                continue
            }
            let verdict = fault.recoverySeconds.map { "recovered in \(FaultTimeline.format($0))" } ?? "did not recover"
            evidence.append("\(fault.label): \(verdict); \(fault.recoveryDetail)")
            evidence += fault.transitions.map { "  \($0)" }
        }
        return CheckResult(
            kind: .recovers,
            passed: unrecovered.isEmpty && ran.count == faults.count,
            summary: summary,
            evidence: evidence
        )
    }

    /// `source_gaps_detected`: every line the feed lost (`feed.drop`, `feed.disconnect`) is reported lost at the
    /// source, and nothing is lost anywhere else.
    static func sourceGapsDetected(audit: AuditReport, lostAtFeed: [Int64]) -> CheckResult {
        let pipelineLosses = audit.lostInKafka + audit.lostInProcessing
        // Every line the feed lost counts at the source, so a larger count there is a loss the feed did not cause.
        let attributed = audit.lostAtSource == Int64(lostAtFeed.count)
        return CheckResult(
            kind: .sourceGapsDetected,
            passed: attributed && pipelineLosses == 0,
            summary: "the feed lost \(lostAtFeed.count) lines; the audit reports \(audit.lostAtSource) lost at the "
                + "source and \(pipelineLosses) lost in the pipeline (kafka \(audit.lostInKafka), processing/sink "
                + "\(audit.lostInProcessing))",
            evidence: ["lost by the feed: " + Self.ranges(lostAtFeed)] + audit.lostWitnesses.map(\.line)
                + audit.feedLostWitnesses.map(\.line)
        )
    }

    /// `1-5, 9, 12-13` for a sorted list of seqs; at most 20 ranges.
    static func ranges(_ seqs: [Int64]) -> String {
        var parts: [String] = []
        var index = 0
        while index < seqs.count, parts.count < 20 {
            var end = index
            while end + 1 < seqs.count, seqs[end + 1] == seqs[end] + 1 { end += 1 }
            parts.append(end == index ? "\(seqs[index])" : "\(seqs[index])-\(seqs[end])")
            index = end + 1
        }
        if index < seqs.count { parts.append("…") }
        return parts.isEmpty ? "none" : parts.joined(separator: ", ")
    }
}
