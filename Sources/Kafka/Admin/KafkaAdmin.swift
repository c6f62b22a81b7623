import CRdKafka

/// Cluster administration: create topics, read metadata.
public final class KafkaAdmin: Sendable {
    private let client: RDKafkaClient

    /// Connects with the given settings (a producer-type handle used only for admin requests).
    public init(configuration: KafkaConfiguration) throws(KafkaError) {
        let conf = try RDKafkaConfig.make(configuration.properties + configuration.raw.sorted { $0.key < $1.key })
        client = try RDKafkaClient(kind: .producer, conf: conf)
    }

    /// Creates `name` with `partitions` partitions (`rd_kafka_CreateTopics`) and waits for the result.
    /// - Throws: ``KafkaError/Code/topicAlreadyExists`` if it exists, or the broker's error.
    public func createTopic(
        _ name: String,
        partitions: Int,
        replicationFactor: Int,
        timeout: Duration = .seconds(10)
    ) throws(KafkaError) {
        var errorText = [CChar](repeating: 0, count: 512)
        guard
            let newTopic = rd_kafka_NewTopic_new(
                name,
                Int32(clamping: partitions),
                Int32(clamping: replicationFactor),
                &errorText,
                errorText.count
            )
        else {
            let detail = String(cBuffer: errorText)
            throw KafkaError(code: .invalidArgument, message: "invalid topic \(name): \(detail)")
        }
        defer { rd_kafka_NewTopic_destroy(newTopic) }
        let options = rd_kafka_AdminOptions_new(client.handle, RD_KAFKA_ADMIN_OP_CREATETOPICS)
        defer { rd_kafka_AdminOptions_destroy(options) }
        _ = rd_kafka_AdminOptions_set_request_timeout(options, timeout.timeoutMilliseconds, nil, 0)
        let resultQueue = rd_kafka_queue_new(client.handle)
        defer { rd_kafka_queue_destroy(resultQueue) }

        var topics: [OpaquePointer?] = [newTopic]
        rd_kafka_CreateTopics(client.handle, &topics, 1, options, resultQueue)
        guard let event = rd_kafka_queue_poll(resultQueue, timeout.timeoutMilliseconds + 1000) else {
            throw KafkaError(code: .timedOut, message: "creating topic \(name) got no answer within \(timeout)")
        }
        defer { rd_kafka_event_destroy(event) }
        let eventError = rd_kafka_event_error(event)
        guard eventError == RD_KAFKA_RESP_ERR_NO_ERROR else {
            throw KafkaError(
                eventError,
                "could not create topic \(name): \(String(cString: rd_kafka_event_error_string(event)))"
            )
        }
        var count = 0
        guard let result = rd_kafka_event_CreateTopics_result(event),
            let results = rd_kafka_CreateTopics_result_topics(result, &count), count == 1,
            let topicResult = results[0]
        else {
            throw KafkaError(code: .invalidArgument, message: "creating topic \(name) returned no result")
        }
        let topicError = rd_kafka_topic_result_error(topicResult)
        guard topicError == RD_KAFKA_RESP_ERR_NO_ERROR else {
            let detail = rd_kafka_topic_result_error_string(topicResult).map { String(cString: $0) } ?? ""
            throw KafkaError(topicError, "could not create topic \(name): \(detail)")
        }
    }

    /// Brokers, topics and partition leaders (`rd_kafka_metadata`).
    public func metadata(timeout: Duration = .seconds(10)) throws(KafkaError) -> KafkaClusterMetadata {
        try client.metadata(timeout: timeout)
    }
}
