/// A reply from Redis, copied out of hiredis's `redisReply` as soon as it arrives.
public enum RedisReply: Sendable, Hashable {
    /// A status reply such as `OK` or `PONG`.
    case status(String)
    /// An error reply such as `WRONGTYPE Operation against a key holding the wrong kind of value`.
    case error(String)
    /// An integer reply.
    case integer(Int64)
    /// A bulk string, as bytes.
    case bulk([UInt8])
    /// A null bulk string or null array, e.g. `HGET` of a missing field.
    case null
    /// An array reply, e.g. from `HGETALL`.
    case array([RedisReply])

    /// The text of a bulk string (decoded as UTF-8), status or error reply; `nil` for other replies.
    public var string: String? {
        switch self {
        case .bulk(let bytes): String(decoding: bytes, as: UTF8.self)
        case .status(let text), .error(let text): text
        case .integer, .null, .array: nil
        }
    }
}
