/// One argument of a Redis command: text, or bytes that may hold anything, zero bytes included.
///
/// String literals and interpolations become `.string`, so `["HSET", "book:\(symbol)", .bytes(payload)]`
/// is a command.
public enum RedisArgument: Sendable, Hashable, ExpressibleByStringInterpolation {
    /// Text, sent as its UTF-8 bytes.
    case string(String)
    /// Bytes, sent as they are.
    case bytes([UInt8])

    public init(stringLiteral value: String) {
        self = .string(value)
    }

    public init(stringInterpolation: DefaultStringInterpolation) {
        self = .string(String(stringInterpolation: stringInterpolation))
    }

    /// The number of bytes sent for this argument.
    var byteCount: Int {
        switch self {
        case .string(let text): text.utf8.count
        case .bytes(let bytes): bytes.count
        }
    }

    /// Copies the argument's bytes to the start of `buffer`, which must hold ``byteCount`` bytes.
    func copyBytes(to buffer: UnsafeMutableRawBufferPointer) {
        switch self {
        case .string(let text): buffer.copyBytes(from: text.utf8)
        case .bytes(let bytes): buffer.copyBytes(from: bytes)
        }
    }
}
