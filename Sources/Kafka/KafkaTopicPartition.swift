import CRdKafka

/// A partition of a topic.
public struct KafkaTopicPartition: Sendable, Hashable, CustomStringConvertible {
    public var topic: String
    public var partition: Int32

    public init(topic: String, partition: Int32) {
        self.topic = topic
        self.partition = partition
    }

    public var description: String { "\(topic)[\(partition)]" }
}

/// A partition and an offset in it. For commits, Kafka's convention applies: the offset is the *next* message to
/// read, i.e. the last processed offset + 1.
public struct KafkaPartitionOffset: Sendable, Hashable, CustomStringConvertible {
    public var topicPartition: KafkaTopicPartition
    public var offset: Int64

    public init(topic: String, partition: Int32, offset: Int64) {
        self.topicPartition = KafkaTopicPartition(topic: topic, partition: partition)
        self.offset = offset
    }

    public var description: String { "\(topicPartition)@\(offset)" }
}

/// Scoped access to `rd_kafka_topic_partition_list_t`, which Swift code never holds on to.
enum RDKafkaTopicPartitionList {
    /// Builds a C list for the duration of `body`.
    static func with<Result>(
        _ entries: [(topic: String, partition: Int32, offset: Int64?)],
        _ body: (UnsafeMutablePointer<rd_kafka_topic_partition_list_t>) throws(KafkaError) -> Result
    ) throws(KafkaError) -> Result {
        let list = rd_kafka_topic_partition_list_new(Int32(clamping: entries.count))!
        defer { rd_kafka_topic_partition_list_destroy(list) }
        for entry in entries {
            let element = rd_kafka_topic_partition_list_add(list, entry.topic, entry.partition)!
            if let offset = entry.offset {
                element.pointee.offset = offset
            }
        }
        return try body(list)
    }

    /// Copies a C list into Swift values.
    static func partitions(_ list: UnsafePointer<rd_kafka_topic_partition_list_t>) -> [KafkaPartitionOffset] {
        (0..<Int(list.pointee.cnt)).map { index in
            let element = list.pointee.elems[index]
            return KafkaPartitionOffset(
                topic: String(cString: element.topic),
                partition: element.partition,
                offset: element.offset
            )
        }
    }
}
