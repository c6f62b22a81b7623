import Foundation
import Pipeline

/// The end-of-replay summary for people: what went in, what was stored, what was lost where, latencies, rate.
enum ReplaySummary {
    /// `summary.json`: the audit, the health verdict and the run's settings and rates.
    struct File: Encodable {
        var formatVersion = 1
        var capture: String
        var runID: String
        var pace: String
        var sink: String
        var elapsedSeconds: Double
        var pipelineSeconds: Double
        var eventsPerSecond: Double
        var interrupted: Bool
        var nothingLost: Bool
        var failures: [String]
        var pacing: Pacing?
        var audit: AuditReport
        var health: HealthSummary

        /// How late the paced sends were against their schedule (absent at `max` pace).
        struct Pacing: Encodable {
            var latenessP50Ms: Double
            var latenessP99Ms: Double
            var latenessMaxMs: Double
            var finalDriftMs: Double
        }

        init(_ result: ReplayResult) {
            capture = result.configuration.capturePath
            runID = String(result.runID, radix: 16)
            pace = result.configuration.pace.description
            sink = result.sinkDestination
            elapsedSeconds = Double(result.elapsedNs) / 1e9
            pipelineSeconds = Double(result.pipelineElapsedNs) / 1e9
            eventsPerSecond = result.eventsPerSecond
            interrupted = result.interrupted
            nothingLost = result.nothingLost
            failures = result.failures
            audit = result.audit
            health = result.health
            let lateness = result.statistics.lateness
            if !lateness.isEmpty {
                pacing = Pacing(
                    latenessP50Ms: milliseconds(lateness.p50),
                    latenessP99Ms: milliseconds(lateness.p99),
                    latenessMaxMs: milliseconds(lateness.max),
                    finalDriftMs: Double(result.statistics.finalDriftNs) / 1e6
                )
            }
        }
    }

    static func text(_ result: ReplayResult) -> String {
        let audit = result.audit
        var lines: [String] = []
        let verdict: String
        if !result.failures.isEmpty {
            verdict =
                "FAILED: the pipeline could not finish" + (result.problems.isEmpty ? "" : ", ")
                + result.problems.joined(separator: ", ")
        } else if !result.problems.isEmpty {
            verdict = "FAIL: " + result.problems.joined(separator: ", ")
        } else {
            verdict = result.interrupted ? "INTERRUPTED, nothing lost" : "PASS: nothing lost"
        }
        lines.append("replay \(verdict)")
        lines.append("  capture      \(result.configuration.capturePath) (\(audit.captureEvents) events)")
        lines.append("  sink         \(result.sinkDestination)")
        lines.append("  run folder   \(result.configuration.outputDirectory)")
        lines.append(
            "  events       in \(audit.captureEvents), published \(audit.published), acked \(audit.acked), "
                + "stored \(audit.stored) (\(audit.badLinesStored) bad lines stored apart)"
        )
        if audit.notPublishedAfterStop > 0 {
            lines.append("  stopped      \(audit.notPublishedAfterStop) events not published after the stop request")
        }
        lines.append(
            "  lost         \(audit.lost) (source \(audit.lostAtSource), kafka \(audit.lostInKafka), "
                + "processing/sink \(audit.lostInProcessing))"
        )
        lines.append(
            "  duplicated   \(audit.duplicatesStored) stored, \(audit.duplicatesDeliveredByKafka) delivered by Kafka "
                + "and absorbed"
        )
        lines.append("  reordered    \(audit.reordered)")
        lines.append(
            "  reference    \(audit.referenceCompared - audit.referenceMismatches) of \(audit.referenceCompared) "
                + "events equal to the run without Kafka"
        )
        lines.append(
            "  traces       \(String(format: "%.2f", audit.traceCompleteness * 100))% complete "
                + "(\(audit.traceComplete) of \(audit.stored))"
        )
        lines.append(
            "  snapshots    "
                + audit.snapshots.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
                .joined(separator: ", ")
        )
        lines.append("  latency (ms)  stage        p50      p99      max")
        for stage in audit.stageLatency {
            lines.append(
                "               "
                    + stage.stage.padding(toLength: 11, withPad: " ", startingAt: 0)
                    + [stage.p50Ms, stage.p99Ms, stage.maxMs].map { String(format: "%9.2f", $0) }.joined()
            )
        }
        lines.append(
            "  throughput   \(Int(result.eventsPerSecond)) events/s from first publish to all stored "
                + "(\(String(format: "%.1f", Double(result.pipelineElapsedNs) / 1e9)) s, pace "
                + "\(result.configuration.pace)); whole run \(String(format: "%.1f", Double(result.elapsedNs) / 1e9)) s"
        )
        if !result.statistics.lateness.isEmpty {
            let lateness = result.statistics.lateness
            lines.append(
                "  pacing       lateness p50 \(ms(lateness.p50)) p99 \(ms(lateness.p99)) max \(ms(lateness.max)) ms, "
                    + "final drift \(String(format: "%.3f", Double(result.statistics.finalDriftNs) / 1e6)) ms"
            )
        }
        let health = result.health
        lines.append(
            "  health       score \(health.finalScore) at the end, lowest \(health.minimumScore) over \(health.samples) "
                + "samples"
                + (health.alertsRaised.isEmpty
                    ? ""
                    : "; alerts raised: "
                        + health.alertsRaised.sorted { $0.key < $1.key }
                        .map { "\($0.key) ×\($0.value)" }.joined(separator: ", "))
        )
        lines.append("  bottleneck   \(health.bottleneck ?? "none seen")")
        for failure in result.failures { lines.append("  failure      \(failure)") }
        for (title, witnesses) in [
            ("lost", audit.lostWitnesses), ("reordered", audit.reorderedWitnesses),
            ("mismatch", audit.mismatchWitnesses),
        ] {
            for witness in witnesses {
                lines.append(
                    "  \(title.padding(toLength: 11, withPad: " ", startingAt: 0)) seq \(witness.seq) "
                        + "\(witness.symbol.isEmpty ? "(no symbol)" : witness.symbol) trace \(witness.traceID) "
                        + "last seen: \(witness.lastStage): \(witness.detail)"
                )
            }
        }
        return lines.joined(separator: "\n")
    }

    private static func ms(_ duration: Duration) -> String {
        String(format: "%.3f", milliseconds(duration))
    }
}

/// `duration` in milliseconds, with fractions.
func milliseconds(_ duration: Duration) -> Double {
    let (seconds, attoseconds) = duration.components
    return Double(seconds) * 1000 + Double(attoseconds) / 1e15
}
