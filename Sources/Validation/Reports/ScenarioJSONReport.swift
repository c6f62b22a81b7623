import Foundation
import Pipeline

/// `report.json`: a scenario run as data, for tools. Schema `harness.scenario-report`, version 1: a change that
/// removes or renames a key, or changes what a value means, raises the version; new keys do not. Keys are
/// snake_case and sorted. The report's own keys are always present, `null` where noted; the embedded pipeline
/// types (`audit`, `health`, `samples`) leave out what they do not have.
///
/// ```
/// schema           "harness.scenario-report"
/// schema_version   1
/// verdict          "pass" | "fail" | "interrupted"
/// reason           why, in one phrase: "2 of 7 checks and 1 of 4 thresholds failed"
/// exit_code        0 pass, 1 fail, 4 interrupted
/// scenario         {name, description, file, capture, pace, seed (null: none given),
///                   random_seed (null: no random block)}
/// run              {folder, started_at (ISO 8601, UTC), run_id (hex), sink, elapsed_s, pipeline_s,
///                   events_per_second, interrupted}
/// checks           [{name, passed, summary, evidence: [line]}]
/// thresholds       [{metric, passed, conditions: [{condition, limit, observed (null: never measured), passed}]}]
/// faults           [{kind, label, at_s, at_event (one of the two, the other null), for_s,
///                   parameters: {name: number | text (durations as "200ms")}, line (null: drawn),
///                   started_s, ended_s (null: never started or ended), recovery_s (null: did not recover),
///                   recovery_detail, transitions: [line], error (null: none)}]
/// random_schedule  [{kind, label, at_s, at_event, for_s, parameters, line}]: the faults a random block drew
/// audit            the delivery audit (AuditReport): counts, stage_latency, and the lost, feed_lost, duplicate,
///                  reordered and mismatch witnesses
/// health           the health verdict (HealthSummary): samples, final_score, minimum_score, bottleneck,
///                   alerts_raised, recommendations
/// samples          [{seconds, throughput, consumer_lag, end_to_end_p99_ms, error_rate_percent, health_score}]
/// failures         [text]: the parts of the pipeline that failed
/// ```
public struct ScenarioJSONReport: Encodable, Sendable {
    /// The schema's name, the value of `schema`.
    public static let schema = "harness.scenario-report"
    /// The schema's version, the value of `schema_version`.
    public static let schemaVersion = 1

    let schema = Self.schema
    let schemaVersion = Self.schemaVersion
    let verdict: ScenarioOutcome.Verdict
    let reason: String
    let exitCode: Int32
    let scenario: ScenarioSection
    let run: RunSection
    let checks: [Check]
    let thresholds: [ThresholdSection]
    let faults: [Fault]
    let randomSchedule: [PlannedFault]
    let audit: AuditReport
    let health: HealthSummary
    let samples: [MetricSample]
    let failures: [String]

    /// The report of `outcome`.
    public init(_ outcome: ScenarioOutcome) {
        verdict = outcome.verdict
        reason = outcome.verdictReason
        exitCode = outcome.verdict.exitCode
        scenario = ScenarioSection(outcome)
        run = RunSection(outcome)
        checks = outcome.checks.map(Check.init)
        thresholds = outcome.thresholds.map(ThresholdSection.init)
        faults = outcome.faults.map(Fault.init)
        randomSchedule = outcome.drawnFaults.map { PlannedFault($0) }
        audit = outcome.replay.audit
        health = outcome.replay.health
        samples = outcome.samples
        failures = outcome.replay.failures
    }

    /// The report as pretty-printed JSON with sorted keys. Values that are not finite numbers are written as the
    /// strings `"inf"`, `"-inf"` and `"nan"`.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf",
            negativeInfinity: "-inf",
            nan: "nan"
        )
        return try encoder.encode(self)
    }
}
