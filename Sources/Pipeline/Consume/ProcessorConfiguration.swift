import Kafka
import MarketData

/// How a processor consumes: its group, topic, batch size and processing settings.
public struct ProcessorConfiguration: Sendable {
    /// The consumer group settings; every processor of a pipeline joins the same group.
    public var kafka: KafkaConsumerConfiguration
    /// The raw topic.
    public var topic: String
    /// This processor's name in the sink's batch records, Redis status and logs.
    public var name: String
    /// The Level 1 field list the raw lines follow (the capture's, or the live client's).
    public var level1Fields: Level1FieldList = .default
    /// Most messages taken per poll; one poll is one sink batch and one offset commit.
    public var maxBatch = 5000
    /// How long a poll waits for the first message.
    public var pollTimeout: Duration = .milliseconds(50)
    /// Events of a symbol between periodic book snapshots.
    public var snapshotInterval = BookSnapshot.defaultInterval

    public init(kafka: KafkaConsumerConfiguration, topic: String, name: String) {
        self.kafka = kafka
        self.topic = topic
        self.name = name
    }

    /// A processor of group `groupID` on `topic` at `bootstrapServers`, with the pipeline's consumer settings:
    /// brokers answer a fetch after at most 10 ms without data (librdkafka's 100 ms default would add 50 ms to the
    /// average latency of a paced replay).
    public init(bootstrapServers: String, groupID: String, topic: String, name: String) {
        var kafka = KafkaConsumerConfiguration(bootstrapServers: bootstrapServers, groupID: groupID)
        kafka.fetchWaitMax = .milliseconds(10)
        self.init(kafka: kafka, topic: topic, name: name)
    }
}
