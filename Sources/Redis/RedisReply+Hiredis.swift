import CHiredis

extension RedisReply {
    /// Copies a hiredis reply and its elements; `nil` if it holds a type this wrapper does not know.
    ///
    /// The caller still owns `reply` and frees it with `freeReplyObject`.
    init?(copying reply: UnsafePointer<redisReply>) {
        let type = chiredis_reply_type(reply)
        switch type {
        case REDIS_REPLY_STATUS:
            self = .status(Self.text(of: reply))
        case REDIS_REPLY_ERROR:
            self = .error(Self.text(of: reply))
        case REDIS_REPLY_INTEGER:
            self = .integer(Int64(chiredis_reply_integer(reply)))
        case REDIS_REPLY_STRING:
            self = .bulk(
                [UInt8](UnsafeRawBufferPointer(start: chiredis_reply_str(reply), count: chiredis_reply_len(reply)))
            )
        case REDIS_REPLY_NIL:
            self = .null
        case REDIS_REPLY_ARRAY:
            let count = chiredis_reply_element_count(reply)
            var elements: [RedisReply] = []
            elements.reserveCapacity(count)
            for index in 0..<count {
                guard let element = RedisReply(copying: chiredis_reply_element(reply, index)) else {
                    return nil
                }
                elements.append(element)
            }
            self = .array(elements)
        default:
            return nil
        }
    }

    private static func text(of reply: UnsafePointer<redisReply>) -> String {
        String(
            decoding: UnsafeRawBufferPointer(start: chiredis_reply_str(reply), count: chiredis_reply_len(reply)),
            as: UTF8.self
        )
    }
}
