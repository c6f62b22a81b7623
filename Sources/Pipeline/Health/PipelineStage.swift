/// A stage of the pipeline, in data-flow order: IQFeed → Kafka → processing → storage.
///
/// `allCases` lists the stages upstream first, so "later in `allCases`" means "further downstream".
public enum PipelineStage: String, CaseIterable, Codable, Sendable {
    /// Reading feed lines (live IQFeed, the simulator or a capture replay) and parsing them.
    case ingestion
    /// Producing to Kafka until the broker acknowledges delivery.
    case kafka
    /// Consuming from Kafka and building order books and features.
    case processing
    /// Writing books and features to the sink (SQLite or ClickHouse) and Redis.
    case storage

    /// The stage's name for people, as it starts a sentence ("Storage limits throughput ...").
    public var title: String {
        switch self {
        case .ingestion: "Ingestion"
        case .kafka: "Kafka"
        case .processing: "Processing"
        case .storage: "Storage"
        }
    }
}
