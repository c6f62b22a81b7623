/// Something whose bytes can be handed to librdkafka without copying: keys and values of produced messages.
public protocol KafkaBytes {
    /// Calls `body` with the bytes; the pointer is valid only inside `body`.
    func withKafkaBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result
}

extension Array: KafkaBytes where Element == UInt8 {
    public func withKafkaBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try withUnsafeBytes(body)
    }
}

extension ArraySlice: KafkaBytes where Element == UInt8 {
    public func withKafkaBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try withUnsafeBytes(body)
    }
}

extension UnsafeRawBufferPointer: KafkaBytes {
    public func withKafkaBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try body(self)
    }
}

extension String: KafkaBytes {
    /// The UTF-8 bytes; native Swift strings are passed without a copy.
    public func withKafkaBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        var string = self
        return try string.withUTF8 { try body(UnsafeRawBufferPointer($0)) }
    }
}

extension Substring: KafkaBytes {
    public func withKafkaBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        var string = self
        return try string.withUTF8 { try body(UnsafeRawBufferPointer($0)) }
    }
}
