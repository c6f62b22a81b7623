import Pipeline

/// The checks a run's audit decides on its own: delivery (`no_loss`, `no_duplicates`, `per_symbol_order`),
/// tracing (`trace_complete`) and equivalence (`matches_reference`). `recovers` and `source_gaps_detected` need
/// the fault timeline as well and are decided by the runner.
public enum AuditChecks {
    /// The verdict of `kind` on `audit`; `nil` for a check the audit alone cannot decide.
    public static func evaluate(_ kind: CheckKind, on audit: AuditReport) -> CheckResult? {
        switch kind {
        case .noLoss: noLoss(audit)
        case .noDuplicates: noDuplicates(audit)
        case .perSymbolOrder: perSymbolOrder(audit)
        case .traceComplete: traceComplete(audit)
        case .matchesReference: matchesReference(audit)
        case .recovers, .sourceGapsDetected: nil
        }
    }

    private static func noLoss(_ audit: AuditReport) -> CheckResult {
        CheckResult(
            kind: .noLoss,
            passed: audit.lost == 0 && audit.unexpected == 0,
            summary: "\(audit.lost) of \(audit.captureEvents) events lost (source \(audit.lostAtSource), kafka "
                + "\(audit.lostInKafka), processing/sink \(audit.lostInProcessing)); \(audit.unexpected) stored "
                + "that the capture does not have",
            evidence: (audit.lostWitnesses + audit.feedLostWitnesses).prefix(AuditReport.witnessLimit).map(\.line)
        )
    }

    private static func noDuplicates(_ audit: AuditReport) -> CheckResult {
        CheckResult(
            kind: .noDuplicates,
            passed: audit.duplicatesStored == 0,
            summary: "\(audit.duplicatesStored) copies stored; \(audit.duplicatesDeliveredByKafka) duplicates "
                + "delivered by Kafka were absorbed by the sink",
            evidence: audit.duplicateWitnesses.map(\.line)
        )
    }

    private static func perSymbolOrder(_ audit: AuditReport) -> CheckResult {
        CheckResult(
            kind: .perSymbolOrder,
            passed: audit.reordered == 0,
            summary: "\(audit.reordered) events stored out of their symbol's order",
            evidence: audit.reorderedWitnesses.map(\.line)
        )
    }

    private static func traceComplete(_ audit: AuditReport) -> CheckResult {
        CheckResult(
            kind: .traceComplete,
            passed: audit.traceComplete == audit.stored,
            summary: "\(audit.traceComplete) of \(audit.stored) stored events stamped at every stage "
                + "(\(percent(audit.traceCompleteness)))",
            evidence: audit.untracedWitnesses.map(\.line)
                + audit.stageLatency.map {
                    "\($0.stage): p50 \(milliseconds($0.p50Ms)) p99 \(milliseconds($0.p99Ms)) max \(milliseconds($0.maxMs))"
                }
        )
    }

    private static func matchesReference(_ audit: AuditReport) -> CheckResult {
        CheckResult(
            kind: .matchesReference,
            passed: audit.referenceMismatches == 0 && audit.referenceCompared == audit.stored,
            summary: "\(audit.referenceCompared - audit.referenceMismatches) of \(audit.referenceCompared) compared "
                + "events equal to the run without Kafka (\(audit.stored) stored)",
            evidence: audit.mismatchWitnesses.map(\.line)
        )
    }

    private static func percent(_ share: Double) -> String {
        "\((share * 10_000).rounded() / 100)%"
    }

    private static func milliseconds(_ value: Double) -> String {
        "\((value * 100).rounded() / 100) ms"
    }
}
