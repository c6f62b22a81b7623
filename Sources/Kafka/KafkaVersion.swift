import CRdKafka

/// Versions of the native Kafka library in use.
public enum KafkaVersion {
    /// librdkafka's version string (`rd_kafka_version_str`), e.g. `2.0.2`.
    public static var librdkafka: String {
        String(cString: rd_kafka_version_str())
    }
}
