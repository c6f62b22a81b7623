import CRdKafka

/// Adds headers to one message being produced, straight into librdkafka's header list (`rd_kafka_header_add`
/// copies name and value), so the hot path builds no Swift arrays or strings per message.
///
/// Handed out by ``KafkaProducer/sendBytes(to:partition:key:value:messageID:headerCount:headers:)`` for the duration of its
/// `headers` closure only.
public struct KafkaHeaderWriter: ~Copyable {
    let list: OpaquePointer

    /// Adds a header called `name` with `value` as its bytes.
    public func add(_ name: StaticString, _ value: UnsafeRawBufferPointer) {
        name.withUTF8Buffer { name in
            _ = rd_kafka_header_add(list, name.baseAddress, name.count, value.baseAddress, value.count)
        }
    }

    /// Adds a header called `name` whose value is `value` in decimal ASCII, formatted without allocating.
    public func add(_ name: StaticString, decimal value: Int64) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var magnitude = value.magnitude
            var start = digits.count
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if value < 0 {
                start -= 1
                digits[start] = UInt8(ascii: "-")
            }
            add(name, UnsafeRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(digits)[start...]))
        }
    }
}

extension KafkaProducer {
    /// ``sendBytes(to:partition:key:value:headers:messageID:)`` with headers written by `headers` into the message
    /// directly: the allocation-light path for messages that all carry the same few headers.
    public func sendBytes(
        to topic: Topic,
        partition: Int32?,
        key: UnsafeRawBufferPointer,
        value: UnsafeRawBufferPointer,
        messageID: UInt64,
        headerCount: Int,
        headers: (borrowing KafkaHeaderWriter) -> Void
    ) throws(KafkaError) -> KafkaSendResult {
        let list = rd_kafka_headers_new(headerCount)!
        headers(KafkaHeaderWriter(list: list))
        return try sendBytes(
            to: topic,
            partition: partition,
            key: key,
            value: value,
            cHeaders: list,
            messageID: messageID
        )
    }
}
