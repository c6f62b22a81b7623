/// What the audit found: every event of the capture followed from the source to the sink.
public struct AuditReport: Sendable, Codable {
    /// One event that shows a problem.
    public struct Witness: Sendable, Codable, Hashable {
        public var seq: Int64
        public var symbol: String
        public var traceID: String
        /// The last stage that saw the event: `source`, `kafka` (acknowledged), `sink` (stored).
        public var lastStage: String
        public var detail: String

        public init(seq: Int64, symbol: String, traceID: String, lastStage: String, detail: String) {
            self.seq = seq
            self.symbol = symbol
            self.traceID = traceID
            self.lastStage = lastStage
            self.detail = detail
        }
    }

    /// Per-stage latency from the stamps of stored events (milliseconds).
    public struct StageLatency: Sendable, Codable, Hashable {
        public var stage: String
        public var count: Int
        public var p50Ms: Double
        public var p99Ms: Double
        public var maxMs: Double
    }

    /// Events in the capture.
    public var captureEvents: Int64 = 0
    /// Events the source handed to Kafka (with a delivery report).
    public var published: Int64 = 0
    /// Events Kafka acknowledged.
    public var acked: Int64 = 0
    /// Events whose delivery failed.
    public var deliveryFailed: Int64 = 0
    /// Events never published because the run was stopped first (not losses).
    public var notPublishedAfterStop: Int64 = 0
    /// Distinct events stored (events and bad lines).
    public var stored: Int64 = 0
    /// Bad lines stored apart.
    public var badLinesStored: Int64 = 0
    /// Events lost, by the stage where they were last seen.
    public var lostAtSource: Int64 = 0
    public var lostInKafka: Int64 = 0
    public var lostInProcessing: Int64 = 0
    /// Extra copies the sink holds (ClickHouse before merging); 0 for SQLite.
    public var duplicatesStored: Int64 = 0
    /// Re-deliveries the sink's idempotence absorbed.
    public var duplicatesDeliveredByKafka: Int64 = 0
    /// Stored rows whose Kafka order disagrees with their `seq` order within the symbol.
    public var reordered: Int64 = 0
    /// Stored rows for events the capture does not have.
    public var unexpected: Int64 = 0
    /// Stored events with every stage stamped (received, acked, consumed, processed, stored).
    public var traceComplete: Int64 = 0
    /// Stored events whose features differ from the reference run (the capture processed without Kafka).
    public var referenceMismatches: Int64 = 0
    /// Stored events compared with the reference.
    public var referenceCompared: Int64 = 0
    /// Book snapshots stored, by reason.
    public var snapshots: [String: Int64] = [:]
    public var stageLatency: [StageLatency] = []
    /// Events lost in the pipeline (or never published), apart from those the feed itself lost.
    public var lostWitnesses: [Witness] = []
    /// Events the feed itself lost (a scenario's `feed.drop`, `feed.disconnect`), kept apart so they cannot crowd
    /// the pipeline's losses out of the witnesses.
    public var feedLostWitnesses: [Witness] = []
    public var reorderedWitnesses: [Witness] = []
    public var duplicateWitnesses: [Witness] = []
    /// Stored events without a complete trace.
    public var untracedWitnesses: [Witness] = []
    public var mismatchWitnesses: [Witness] = []

    /// Events lost anywhere.
    public var lost: Int64 { lostAtSource + lostInKafka + lostInProcessing }

    /// Share of stored events with a complete trace, 0-1 (1 when nothing was stored).
    public var traceCompleteness: Double { stored == 0 ? 1 : Double(traceComplete) / Double(stored) }

    /// An empty report, to be filled by the audit.
    public init() {}

    /// How many witnesses of each kind are kept.
    public static let witnessLimit = 10
}
