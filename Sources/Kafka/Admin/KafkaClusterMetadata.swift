import CRdKafka

/// A snapshot of brokers, topics and partition leaders, as returned by a metadata request.
public struct KafkaClusterMetadata: Sendable {
    /// One broker of the cluster.
    public struct Broker: Sendable, Hashable {
        public let id: Int32
        public let host: String
        public let port: Int32
    }

    /// One partition of a topic with its leader and replicas.
    public struct Partition: Sendable, Hashable {
        public let id: Int32
        /// The broker id of the leader, or -1 when there is none.
        public let leader: Int32
        public let replicas: [Int32]
        public let inSyncReplicas: [Int32]
    }

    /// One topic; `error` is set when the cluster reported a problem with it.
    public struct Topic: Sendable {
        public let name: String
        public let partitions: [Partition]
        public let error: KafkaError.Code?
    }

    public let brokers: [Broker]
    public let topics: [Topic]

    /// The topic called `name`, if the cluster knows it.
    public func topic(_ name: String) -> Topic? {
        topics.first { $0.name == name }
    }

    init(_ metadata: rd_kafka_metadata) {
        brokers = (0..<Int(metadata.broker_cnt)).map { index in
            let broker = metadata.brokers[index]
            return Broker(id: broker.id, host: String(cString: broker.host), port: broker.port)
        }
        topics = (0..<Int(metadata.topic_cnt)).map { index in
            let topic = metadata.topics[index]
            let partitions = (0..<Int(topic.partition_cnt)).map { partitionIndex in
                let partition = topic.partitions[partitionIndex]
                return Partition(
                    id: partition.id,
                    leader: partition.leader,
                    replicas: Array(UnsafeBufferPointer(start: partition.replicas, count: Int(partition.replica_cnt))),
                    inSyncReplicas: Array(UnsafeBufferPointer(start: partition.isrs, count: Int(partition.isr_cnt)))
                )
            }
            return Topic(
                name: String(cString: topic.topic),
                partitions: partitions.sorted { $0.id < $1.id },
                error: topic.err == RD_KAFKA_RESP_ERR_NO_ERROR ? nil : KafkaError.Code(topic.err)
            )
        }
    }
}
