import Kafka

/// What a ``LiveFeedSource`` publishes to and where it spills.
public struct LiveFeedSourceConfiguration: Sendable {
    /// The producer's settings. Its `maxQueuedMessages` is how far Kafka may fall behind before lines spill; its
    /// `messageTimeout` bounds how long a line handed straight to Kafka may wait for a broker (one that times out is
    /// counted in `PipelineCounters.deliveryFailed` and recorded in the run database, not journaled).
    public var producer: KafkaProducerConfiguration
    /// The raw topic, e.g. `md.raw`.
    public var topic: String
    /// The run's id, the first half of every trace id.
    public var runID: UInt64
    /// The spill journal file (created if missing; one left by an earlier run is drained first).
    public var journalPath: String
    /// The first `seq` when the journal holds no line; otherwise the journal's highest `seq` + 1 is used if higher.
    /// Default 1.
    public var firstSeq: Int64 = 1
    /// Journaled lines sent per drain round at most (never more than the producer's queue holds). Default 10,000.
    public var drainBatchLimit = 10_000

    public init(producer: KafkaProducerConfiguration, topic: String, runID: UInt64, journalPath: String) {
        self.producer = producer
        self.topic = topic
        self.runID = runID
        self.journalPath = journalPath
    }
}
