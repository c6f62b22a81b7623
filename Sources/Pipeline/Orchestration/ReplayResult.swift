import Kafka

/// What a replay did and what the audit found.
public struct ReplayResult: Sendable {
    public var configuration: ReplayConfiguration
    public var runID: UInt64
    public var runDatabasePath: String
    /// `sqlite:/path` or `clickhouse:host:port/db`.
    public var sinkDestination: String
    public var statistics: CaptureReplayer.Statistics
    public var counters: PipelineCounters
    /// Whether everything published was stored before the run stopped.
    public var drained: Bool
    /// Whether a stop was requested (Ctrl-C, SIGTERM).
    public var interrupted: Bool
    /// Processors that failed, with the reason.
    public var processorFailures: [String]
    /// The whole run, from starting the first part to the end of the audit's input (parts stopped).
    public var elapsedNs: Int64
    /// From the first publish until everything published was stored (or the drain gave up).
    public var pipelineElapsedNs: Int64
    /// The health monitor's verdict over the run.
    public var health = HealthSummary()
    /// The audit; set by ``ReplayRun/run(progress:onStarted:)`` once the parts have stopped.
    public var audit = AuditReport()

    /// Events stored per second from the first publish until everything was stored: the pipeline's throughput,
    /// without the start-up (the consumer group's first assignment alone takes about 3 s on the embedded cluster).
    public var eventsPerSecond: Double {
        pipelineElapsedNs > 0 ? Double(audit.stored) / (Double(pipelineElapsedNs) / 1e9) : 0
    }

    /// Whether nothing that was published was lost and every event was accounted for.
    public var nothingLost: Bool {
        audit.lost == 0 && audit.unexpected == 0
    }

    /// What the audit found wrong, one phrase each; empty when every event was stored, in order and equal to the
    /// reference. Identical copies a sink has not merged yet (ClickHouse) are reported, not failed: every copy is
    /// compared with the reference, so a copy that differs is a mismatch.
    public var problems: [String] {
        var problems: [String] = []
        if audit.lost > 0 { problems.append("\(audit.lost) lost") }
        if audit.unexpected > 0 { problems.append("\(audit.unexpected) unexpected") }
        if audit.reordered > 0 { problems.append("\(audit.reordered) reordered") }
        if audit.referenceMismatches > 0 { problems.append("\(audit.referenceMismatches) differ from the reference") }
        return problems
    }

    /// Parts of the pipeline that failed (a processor, or a replay that gave up); the run could not be completed.
    public var failures: [String] {
        processorFailures + (statistics.abandoned.map { ["replay gave up: \($0)"] } ?? [])
    }
}
