import CRdKafka

/// Owns one `rd_kafka_t` handle and destroys it in `deinit`.
///
/// `@unchecked Sendable`: librdkafka handles are thread-safe for the calls the Kafka layer makes (produce,
/// poll, commit, metadata, mock controls); the only non-thread-safe step, destruction, happens in `deinit` when
/// no other reference exists.
final class RDKafkaClient: @unchecked Sendable {
    enum Kind {
        case producer, consumer
    }

    let handle: OpaquePointer

    /// Creates the handle (`rd_kafka_new`), which takes ownership of `conf` on success.
    init(kind: Kind, conf: OpaquePointer) throws(KafkaError) {
        var errorText = [CChar](repeating: 0, count: 512)
        let type = kind == .producer ? RD_KAFKA_PRODUCER : RD_KAFKA_CONSUMER
        guard let handle = rd_kafka_new(type, conf, &errorText, errorText.count) else {
            rd_kafka_conf_destroy(conf)
            let detail = String(cBuffer: errorText)
            throw KafkaError(code: .invalidArgument, message: "librdkafka could not create a client: \(detail)")
        }
        self.handle = handle
    }

    deinit {
        rd_kafka_destroy(handle)
    }

    /// Fetches cluster metadata (`rd_kafka_metadata`) for all topics and copies it into Swift values.
    func metadata(timeout: Duration) throws(KafkaError) -> KafkaClusterMetadata {
        var raw: UnsafePointer<rd_kafka_metadata>?
        let result = rd_kafka_metadata(handle, 1, nil, &raw, timeout.timeoutMilliseconds)
        guard result == RD_KAFKA_RESP_ERR_NO_ERROR, let metadata = raw else {
            throw KafkaError(result, "could not read Kafka cluster metadata within \(timeout)")
        }
        defer { rd_kafka_metadata_destroy(metadata) }
        return KafkaClusterMetadata(metadata.pointee)
    }
}
