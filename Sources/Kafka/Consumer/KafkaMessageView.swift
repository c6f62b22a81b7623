import CRdKafka

/// A consumed message, read in place from librdkafka's buffer: no copy is made.
///
/// Valid only inside the ``KafkaConsumer/poll(maxMessages:timeout:_:)`` body it was passed to; use ``copy()`` to
/// keep it.
public struct KafkaMessageView {
    let message: UnsafePointer<rd_kafka_message_t>

    /// The topic name (`rd_kafka_topic_name`).
    public var topic: String {
        String(cString: rd_kafka_topic_name(message.pointee.rkt))
    }

    public var partition: Int32 { message.pointee.partition }

    public var offset: Int64 { message.pointee.offset }

    /// The key bytes, or `nil` for a message without a key.
    public var key: UnsafeRawBufferPointer? {
        guard let key = message.pointee.key else { return nil }
        return UnsafeRawBufferPointer(start: key, count: message.pointee.key_len)
    }

    /// The value bytes (empty for a tombstone).
    public var value: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(
            start: message.pointee.payload,
            count: message.pointee.payload == nil ? 0 : message.pointee.len
        )
    }

    /// The producer's or broker's timestamp in milliseconds since the epoch, if the message has one.
    public var timestampMilliseconds: Int64? {
        var type = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE
        let timestamp = rd_kafka_message_timestamp(message, &type)
        return type == RD_KAFKA_TIMESTAMP_NOT_AVAILABLE ? nil : timestamp
    }

    /// The value of the last header called `name` (`rd_kafka_header_get_last`), or `nil`.
    public func header(_ name: String) -> UnsafeRawBufferPointer? {
        var headers: OpaquePointer?
        guard rd_kafka_message_headers(message, &headers) == RD_KAFKA_RESP_ERR_NO_ERROR, let headers else {
            return nil
        }
        var value: UnsafeRawPointer?
        var size = 0
        guard rd_kafka_header_get_last(headers, name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR else {
            return nil
        }
        return UnsafeRawBufferPointer(start: value, count: size)
    }

    /// Every header, copied, in order.
    public var headers: [KafkaHeader] {
        var headers: OpaquePointer?
        guard rd_kafka_message_headers(message, &headers) == RD_KAFKA_RESP_ERR_NO_ERROR, let headers else {
            return []
        }
        var result = [KafkaHeader]()
        var name: UnsafePointer<CChar>?
        var value: UnsafeRawPointer?
        var size = 0
        var index = 0
        while rd_kafka_header_get_all(headers, index, &name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR {
            let bytes = UnsafeRawBufferPointer(start: value, count: value == nil ? 0 : size)
            result.append(KafkaHeader(name: String(cString: name!), value: Array(bytes)))
            index += 1
        }
        return result
    }

    /// An owned copy that outlives the poll.
    public func copy() -> KafkaMessage {
        KafkaMessage(
            topic: topic,
            partition: partition,
            offset: offset,
            key: key.map { Array($0) },
            value: Array(value),
            headers: headers,
            timestampMilliseconds: timestampMilliseconds
        )
    }
}

/// An owned consumed message.
public struct KafkaMessage: Sendable, Hashable {
    public var topic: String
    public var partition: Int32
    public var offset: Int64
    public var key: [UInt8]?
    public var value: [UInt8]
    public var headers: [KafkaHeader]
    public var timestampMilliseconds: Int64?

    public init(
        topic: String,
        partition: Int32,
        offset: Int64,
        key: [UInt8]?,
        value: [UInt8],
        headers: [KafkaHeader],
        timestampMilliseconds: Int64?
    ) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.key = key
        self.value = value
        self.headers = headers
        self.timestampMilliseconds = timestampMilliseconds
    }

    /// The value of the last header called `name`, or `nil`.
    public func header(_ name: String) -> [UInt8]? {
        headers.last { $0.name == name }?.value
    }
}
