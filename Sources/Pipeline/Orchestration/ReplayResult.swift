import Kafka

/// What a replay did and what the audit found.
public struct ReplayResult: Sendable {
    public var configuration: ReplayConfiguration
    public var runID: UInt64
    public var runDatabasePath: String
    /// `sqlite:/path` or `clickhouse:host:port/db`.
    public var sinkDestination: String
    public var captureEvents: Int64
    public var statistics: CaptureReplayer.Statistics
    public var counters: PipelineCounters
    /// The stage latencies measured live by this process.
    public var histograms: PipelineMetrics.Histograms
    public var highWatermarks: [Int32: Int64]
    /// Whether everything published was stored before the run stopped.
    public var drained: Bool
    /// Whether a stop was requested (Ctrl-C, SIGTERM).
    public var interrupted: Bool
    /// Processors that failed, with the reason.
    public var processorFailures: [String]
    public var elapsedNs: Int64
    /// The health monitor's verdict over the run.
    public var health = HealthSummary()
    /// The audit; set by ``ReplayRun/run(progress:onStarted:)`` once the parts have stopped.
    public var audit = AuditReport()

    /// Events stored per second of the whole run (start to drained).
    public var eventsPerSecond: Double {
        elapsedNs > 0 ? Double(audit.stored) / (Double(elapsedNs) / 1e9) : 0
    }

    /// Whether nothing that was published was lost and every event was accounted for.
    public var nothingLost: Bool {
        audit.lost == 0 && audit.unexpected == 0 && processorFailures.isEmpty
    }
}
