import CRdKafka

/// An error from the Kafka layer: a librdkafka error code with its name, plus a sentence about what failed.
public struct KafkaError: Error, Sendable, CustomStringConvertible {
    /// A librdkafka error code (`rd_kafka_resp_err_t`), matchable against the static members.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: Int32

        public init(rawValue: Int32) {
            self.rawValue = rawValue
        }

        /// librdkafka's symbolic name without the `RD_KAFKA_RESP_ERR_` prefix, e.g. `_TRANSPORT` (`rd_kafka_err2name`).
        public var name: String {
            String(cString: rd_kafka_err2name(rd_kafka_resp_err_t(rawValue)))
        }

        /// librdkafka's human-readable text for the code (`rd_kafka_err2str`).
        public var text: String {
            String(cString: rd_kafka_err2str(rd_kafka_resp_err_t(rawValue)))
        }

        public var description: String { "\(name) (\(rawValue))" }

        /// Local: the producer queue is full; this is backpressure, see ``KafkaProducer/send(topic:partition:key:value:headers:messageID:)``.
        public static let queueFull = Code(rawValue: RD_KAFKA_RESP_ERR__QUEUE_FULL.rawValue)
        /// Local: the connection to a broker failed or was closed.
        public static let transport = Code(rawValue: RD_KAFKA_RESP_ERR__TRANSPORT.rawValue)
        /// Local: all brokers are down.
        public static let allBrokersDown = Code(rawValue: RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN.rawValue)
        /// Local: the message timed out before it was delivered (`message.timeout.ms`).
        public static let messageTimedOut = Code(rawValue: RD_KAFKA_RESP_ERR__MSG_TIMED_OUT.rawValue)
        /// Local: the operation timed out.
        public static let timedOut = Code(rawValue: RD_KAFKA_RESP_ERR__TIMED_OUT.rawValue)
        /// Local: an unknown configuration property or invalid value.
        public static let invalidArgument = Code(rawValue: RD_KAFKA_RESP_ERR__INVALID_ARG.rawValue)
        /// Broker: the topic or partition does not exist.
        public static let unknownTopicOrPartition = Code(
            rawValue: RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART.rawValue
        )
        /// Broker: not the leader for the partition.
        public static let notLeaderForPartition = Code(
            rawValue: RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION.rawValue
        )
        /// Broker: the request timed out.
        public static let requestTimedOut = Code(rawValue: RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT.rawValue)
        /// Broker: not enough in-sync replicas.
        public static let notEnoughReplicas = Code(rawValue: RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS.rawValue)
        /// Broker: the topic already exists.
        public static let topicAlreadyExists = Code(rawValue: RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS.rawValue)

        init(_ error: rd_kafka_resp_err_t) {
            self.rawValue = error.rawValue
        }
    }

    /// The librdkafka error code.
    public let code: Code
    /// What failed, naming the thing involved (a broker, topic, property).
    public let message: String
    /// Whether librdkafka reported the error as fatal: the client cannot be used any more.
    public let isFatal: Bool

    public init(code: Code, message: String, isFatal: Bool = false) {
        self.code = code
        self.message = message
        self.isFatal = isFatal
    }

    public var description: String {
        "\(message) [\(code.name)\(isFatal ? ", fatal" : "")]"
    }

    init(_ error: rd_kafka_resp_err_t, _ message: String) {
        self.init(code: Code(error), message: message)
    }

    /// Copies what librdkafka passes to an `error_cb`.
    init(errorCallbackCode code: Int32, reason: UnsafePointer<CChar>?) {
        let error = rd_kafka_resp_err_t(code)
        self.init(
            code: Code(error),
            message: reason.map { String(cString: $0) } ?? Code(error).text,
            isFatal: error == RD_KAFKA_RESP_ERR__FATAL
        )
    }

    /// Wraps an `rd_kafka_error_t`, destroying it.
    init(consuming error: OpaquePointer, context: String) {
        defer { rd_kafka_error_destroy(error) }
        self.init(
            code: Code(rd_kafka_error_code(error)),
            message: "\(context): \(String(cString: rd_kafka_error_string(error)))",
            isFatal: rd_kafka_error_is_fatal(error) != 0
        )
    }
}
