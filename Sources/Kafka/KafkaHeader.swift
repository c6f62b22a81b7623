/// One Kafka record header: a name and binary value (e.g. `traceparent`, `seq`).
public struct KafkaHeader: Sendable, Hashable {
    public var name: String
    public var value: [UInt8]

    public init(name: String, value: [UInt8]) {
        self.name = name
        self.value = value
    }

    /// A header whose value is the UTF-8 bytes of `value`.
    public init(name: String, value: String) {
        self.init(name: name, value: Array(value.utf8))
    }
}
