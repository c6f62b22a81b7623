import Foundation

/// The pipeline benchmark's table: medians of the runs next to the targets.
struct PipelineBenchmarkReport {
    let events: Int
    let runs: Int
    let maxPace: [PipelineReplayMeasurement]
    let peers: [HandRolledReplay.Result]
    let paced: [PipelineReplayMeasurement]
    let large: PipelineReplayMeasurement?

    private typealias Targets = PipelineBenchmarkCommand

    /// One table row: what, the figure, the target and whether it was met (`nil`: no target).
    private struct Row {
        var what: String
        var value: String
        var target = ""
        var met: Bool?
    }

    func print() {
        var rows: [Row] = []
        let rate = median(maxPace.map(\.rate))
        let rss = median(maxPace.map { Double($0.peakRSSBytes) })
        rows.append(Row(what: "max pace, \(events) events", value: ""))
        rows.append(
            Row(
                what: "  pipeline, first publish → all stored",
                value: Self.rate(rate, "events/s"),
                target: "≥ " + Self.rate(Targets.targetRate, "events/s"),
                met: rate >= Targets.targetRate
            )
        )
        rows.append(
            Row(
                what: "  pipeline, whole run (start → stopped)",
                value: Self.rate(median(maxPace.map(\.wholeRunRate)), "events/s"),
                target: String(format: "%.1f s", median(maxPace.map(\.wholeRunSeconds)))
            )
        )
        rows.append(
            Row(
                what: "  pipeline peak RSS (replay process)",
                value: String(format: "%.0f MB", rss / 1e6),
                target: String(format: "≤ %d MB", Targets.targetRSSBytes / 1_000_000),
                met: rss <= Double(Targets.targetRSSBytes)
            )
        )
        if !peers.isEmpty {
            rows.append(
                Row(
                    what: "  peer: sqlite3 | kcat, kcat | sqlite3",
                    value: Self.rate(median(peers.map(\.rate)), "lines/s"),
                    target: String(
                        format: "produce %.2f s + consume %.2f s",
                        median(peers.map(\.produceSeconds)),
                        median(peers.map(\.consumeSeconds))
                    )
                )
            )
            let ratios = zip(maxPace, peers).map { $0.rate / $1.rate }
            rows.append(Row(what: "  pipeline / peer", value: String(format: "%.2f", median(ratios))))
        }
        if !paced.isEmpty { rows += pacedRows }
        if let large {
            rows.append(Row(what: "max pace, \(large.audit.captureEvents) events (--large, 1 run)", value: ""))
            rows.append(Row(what: "  pipeline, first publish → all stored", value: Self.rate(large.rate, "events/s")))
            rows.append(
                Row(
                    what: "  pipeline peak RSS (replay process)",
                    value: String(format: "%.0f MB", Double(large.peakRSSBytes) / 1e6),
                    target: String(
                        format: "≤ %d MB; %.2f × the median above",
                        Targets.targetRSSBytes / 1_000_000,
                        Double(large.peakRSSBytes) / rss
                    ),
                    met: large.peakRSSBytes <= Targets.targetRSSBytes
                )
            )
        }

        Swift.print("\nmedian of \(runs) run\(runs == 1 ? "" : "s"):")
        for row in rows {
            guard !row.value.isEmpty else {
                Swift.print("  " + row.what)
                continue
            }
            let verdict = row.met.map { $0 ? "  met" : "  MISSED" } ?? ""
            let line =
                "  " + row.what.padding(toLength: 44, withPad: " ", startingAt: 0)
                + row.value.padding(toLength: 28, withPad: " ", startingAt: 0) + row.target + verdict
            Swift.print(line.replacing(#/ +$/#, with: ""))
        }
        for note in notes { Swift.print("note: \(note)") }
    }

    private var pacedRows: [Row] {
        let first = paced[0]
        var rows = [Row(what: "1x pace, \(first.audit.captureEvents) events", value: "")]
        let lateness = paced.compactMap(\.lateness)
        if !lateness.isEmpty {
            let p99 = median(lateness.map(\.p99))
            rows.append(
                Row(
                    what: "  lateness p50 / p99 / max",
                    value: String(
                        format: "%.3f / %.3f / %.3f ms",
                        median(lateness.map(\.p50)),
                        p99,
                        median(lateness.map(\.max))
                    ),
                    target: String(format: "p99 ≤ %.0f ms", Targets.targetLatenessP99Ms),
                    met: p99 <= Targets.targetLatenessP99Ms
                )
            )
        }
        let drifts = paced.compactMap(\.finalDriftMs)
        if !drifts.isEmpty {
            let drift = median(drifts)
            rows.append(
                Row(
                    what: "  final drift",
                    value: String(format: "%.3f ms", drift),
                    target: String(format: "≤ %.0f ms", Targets.targetDriftMs),
                    met: abs(drift) <= Targets.targetDriftMs
                )
            )
        }
        let endToEnd = paced.compactMap(\.endToEnd)
        if !endToEnd.isEmpty {
            let p99 = median(endToEnd.map(\.p99Ms))
            rows.append(
                Row(
                    what: "  end to end (received → stored) p50 / p99",
                    value: String(format: "%.2f / %.2f ms", median(endToEnd.map(\.p50Ms)), p99),
                    target: String(format: "p99 ≤ %.0f ms", Targets.targetEndToEndP99Ms),
                    met: p99 <= Targets.targetEndToEndP99Ms
                )
            )
        }
        return rows
    }

    /// Audit failures, short copies and runs whose pacing the summary did not report.
    private var notes: [String] {
        var notes: [String] = []
        for (label, runs) in [("max pace", maxPace), ("1x", paced), ("large", large.map { [$0] } ?? [])] {
            for (index, run) in runs.enumerated() where !run.passed || run.audit.traceCompleteness < 1 {
                notes.append(
                    "\(label) run \(index + 1): harness replay exited \(run.exitStatus), "
                        + "\(run.audit.lost) lost, \(run.audit.reordered) reordered, "
                        + "\(run.audit.referenceMismatches) unlike the reference, "
                        + String(format: "%.2f%% traced", run.audit.traceCompleteness * 100)
                )
            }
        }
        for (index, peer) in peers.enumerated() where peer.lines != events {
            notes.append("peer run \(index + 1): the copy holds \(peer.lines) of \(events) lines (mock retention?)")
        }
        if paced.contains(where: { $0.lateness == nil }) {
            notes.append("a 1x run's summary had no pacing line: lateness and drift are missing for it")
        }
        return notes
    }

    private static func rate(_ value: Double, _ unit: String) -> String {
        value >= 1_000_000
            ? String(format: "%.2f M %@", value / 1_000_000, unit) : String(format: "%.0f k %@", value / 1000, unit)
    }
}
