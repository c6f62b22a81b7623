import CRdKafka

/// An in-process Kafka cluster: librdkafka's mock cluster, speaking the real Kafka protocol on loopback.
///
/// Any Kafka client can use ``bootstrapServers`` while this object lives, `kcat` and other processes included.
/// The fault controls are the mock's own: brokers down and up, round-trip time, request errors, leader moves.
/// Limits of librdkafka 2.0.2's mock: it keeps about 5 MiB per partition (older data is dropped), does not
/// deduplicate retried idempotent batches, and does not serve admin requests (create topics here instead).
///
/// The brokers stop when this object is released: keep it alive while clients use it (Swift may release a local
/// right after its last use; `withExtendedLifetime(cluster) {}` after the clients are done pins it).
public final class EmbeddedKafkaCluster: Sendable {
    private let client: RDKafkaClient
    private let cluster: MockClusterHandle

    /// Broker ids, 1 through the broker count.
    public let brokerIDs: [Int32]
    /// The `host:port,...` list to bootstrap from (`rd_kafka_mock_cluster_bootstraps`).
    public let bootstrapServers: String

    /// Starts `brokers` mock brokers on loopback ports (`rd_kafka_mock_cluster_new`).
    public init(brokers: Int = 3) throws(KafkaError) {
        guard brokers >= 1 else {
            throw KafkaError(code: .invalidArgument, message: "an embedded Kafka cluster needs at least 1 broker")
        }
        let conf = try RDKafkaConfig.make([("log_level", "3")])
        client = try RDKafkaClient(kind: .producer, conf: conf)
        guard let cluster = rd_kafka_mock_cluster_new(client.handle, Int32(clamping: brokers)) else {
            throw KafkaError(code: .invalidArgument, message: "librdkafka could not start a mock cluster")
        }
        self.cluster = MockClusterHandle(pointer: cluster)
        brokerIDs = (1...Int32(clamping: brokers)).map { $0 }
        bootstrapServers = String(cString: rd_kafka_mock_cluster_bootstraps(cluster))
    }

    deinit {
        rd_kafka_mock_cluster_destroy(cluster.pointer)
    }

    /// Creates a topic (`rd_kafka_mock_topic_create`) and spreads partition leaders round-robin over the brokers
    /// (`rd_kafka_mock_partition_set_leader`): partition `p` is led by broker `p % brokers + 1`, so stopping any
    /// broker affects some leaders.
    public func createTopic(_ name: String, partitions: Int, replicationFactor: Int? = nil) throws(KafkaError) {
        let replicas = replicationFactor ?? brokerIDs.count
        guard partitions >= 1, (1...brokerIDs.count).contains(replicas) else {
            throw KafkaError(
                code: .invalidArgument,
                message:
                    "topic \(name): need at least 1 partition and 1-\(brokerIDs.count) replicas, got \(partitions) and \(replicas)"
            )
        }
        try check(
            rd_kafka_mock_topic_create(cluster.pointer, name, Int32(clamping: partitions), Int32(clamping: replicas)),
            "could not create topic \(name)"
        )
        for partition in 0..<Int32(clamping: partitions) {
            try moveLeader(topic: name, partition: partition, to: brokerIDs[Int(partition) % brokerIDs.count])
        }
    }

    /// Disconnects `broker` and refuses new connections until ``setBrokerUp(_:)`` (`rd_kafka_mock_broker_set_down`).
    public func setBrokerDown(_ broker: Int32) throws(KafkaError) {
        try check(rd_kafka_mock_broker_set_down(cluster.pointer, broker), "could not stop broker \(broker)")
    }

    /// Lets `broker` accept connections again (`rd_kafka_mock_broker_set_up`).
    public func setBrokerUp(_ broker: Int32) throws(KafkaError) {
        try check(rd_kafka_mock_broker_set_up(cluster.pointer, broker), "could not start broker \(broker)")
    }

    /// Delays every response of `broker` by `roundTripTime` (`rd_kafka_mock_broker_set_rtt`); `.zero` clears it.
    public func setRoundTripTime(_ roundTripTime: Duration, broker: Int32) throws(KafkaError) {
        try check(
            rd_kafka_mock_broker_set_rtt(cluster.pointer, broker, Int32(clamping: roundTripTime.milliseconds)),
            "could not set the round-trip time of broker \(broker)"
        )
    }

    /// Makes the next `errors.count` requests of kind `api` fail with these codes, in order
    /// (`rd_kafka_mock_push_request_errors_array`). `_TRANSPORT` makes the broker drop the connection.
    public func pushRequestErrors(_ errors: [KafkaError.Code], for api: KafkaAPIKey) {
        let codes = errors.map { rd_kafka_resp_err_t($0.rawValue) }
        codes.withUnsafeBufferPointer { buffer in
            rd_kafka_mock_push_request_errors_array(cluster.pointer, api.rawValue, buffer.count, buffer.baseAddress)
        }
    }

    /// Makes `broker` the leader of a partition (`rd_kafka_mock_partition_set_leader`); clients learn it from
    /// their next metadata refresh.
    public func moveLeader(topic: String, partition: Int32, to broker: Int32) throws(KafkaError) {
        try check(
            rd_kafka_mock_partition_set_leader(cluster.pointer, topic, partition, broker),
            "could not move the leader of \(topic)[\(partition)] to broker \(broker)"
        )
    }

    /// Brokers, topics and partition leaders as clients see them.
    public func metadata(timeout: Duration = .seconds(5)) throws(KafkaError) -> KafkaClusterMetadata {
        try KafkaAdmin(configuration: KafkaConfiguration(bootstrapServers: bootstrapServers)).metadata(timeout: timeout)
    }

    private func check(_ result: rd_kafka_resp_err_t, _ message: String) throws(KafkaError) {
        guard result == RD_KAFKA_RESP_ERR_NO_ERROR else { throw KafkaError(result, message) }
    }
}

/// The mock cluster handle. `@unchecked Sendable`: the mock's control functions post operations to its own
/// thread and are safe from any thread; the handle is destroyed only in `deinit`.
private struct MockClusterHandle: @unchecked Sendable {
    let pointer: OpaquePointer
}
