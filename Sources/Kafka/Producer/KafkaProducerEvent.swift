/// What a ``KafkaProducer`` reports to its event handler.
public enum KafkaProducerEvent: Sendable {
    /// Delivery reports, in batches as librdkafka hands them over. Every message sent gets exactly one report.
    case deliveryReports([KafkaDeliveryReport])
    /// A client-level error, e.g. a broker connection lost (`_TRANSPORT`) or all brokers down. librdkafka keeps
    /// retrying unless `isFatal` is set.
    case error(KafkaError)
}

/// The outcome of one message: where it was stored, or why it failed.
public struct KafkaDeliveryReport: Sendable, Hashable {
    /// The `messageID` given to ``KafkaProducer/send(topic:partition:key:value:headers:messageID:)``.
    public let messageID: UInt64
    /// The partition the message went to (or was meant for).
    public let partition: Int32
    /// The offset in the partition; meaningful only when `error` is `nil`.
    public let offset: Int64
    /// `nil` on success; otherwise the librdkafka error code (its `name`, e.g. `_MSG_TIMED_OUT`).
    public let error: KafkaError.Code?

    public init(messageID: UInt64, partition: Int32, offset: Int64, error: KafkaError.Code?) {
        self.messageID = messageID
        self.partition = partition
        self.offset = offset
        self.error = error
    }
}

/// Whether a message was taken by the producer.
public enum KafkaSendResult: Sendable, Equatable {
    /// The message is queued; its delivery report will follow.
    case queued
    /// The local queue is full (`queue.buffering.max.messages`): backpressure. Nothing was queued; wait with
    /// ``KafkaProducer/waitForQueueSpace(timeout:)`` and send the same message again.
    case queueFull
}
