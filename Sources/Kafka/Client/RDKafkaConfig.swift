import CRdKafka

/// Builds an `rd_kafka_conf_t` from property pairs. Internal: the handle goes straight into `RDKafkaClient`.
enum RDKafkaConfig {
    /// Returns a new configuration handle with every property set, or throws naming the bad property.
    static func make(_ properties: [(String, String)]) throws(KafkaError) -> OpaquePointer {
        let conf = rd_kafka_conf_new()!
        for (name, value) in properties {
            var errorText = [CChar](repeating: 0, count: 512)
            let result = rd_kafka_conf_set(conf, name, value, &errorText, errorText.count)
            guard result == RD_KAFKA_CONF_OK else {
                rd_kafka_conf_destroy(conf)
                let detail = String(cBuffer: errorText)
                throw KafkaError(
                    code: .invalidArgument,
                    message: "Kafka property \(name)=\(value) was refused by librdkafka: \(detail)"
                )
            }
        }
        return conf
    }

    /// The value librdkafka holds for `name` (`rd_kafka_conf_get`), e.g. after a `raw` override.
    static func intValue(of name: String, in conf: OpaquePointer) -> Int? {
        var buffer = [CChar](repeating: 0, count: 64)
        var size = buffer.count
        guard rd_kafka_conf_get(conf, name, &buffer, &size) == RD_KAFKA_CONF_OK else { return nil }
        return Int(String(cBuffer: buffer))
    }
}
