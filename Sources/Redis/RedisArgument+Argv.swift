extension Array where Element == RedisArgument {
    /// Calls `body` with the C argument vector of this command: count, pointers and lengths, as
    /// `redisAppendCommandArgv` takes them.
    ///
    /// The bytes are packed into one temporary buffer, on the stack when small, so a command costs
    /// no heap allocation here. The pointers are valid only inside `body`.
    func withArgv<Result>(
        _ body: (Int32, UnsafeMutablePointer<UnsafePointer<CChar>?>, UnsafePointer<Int>) -> Result
    ) -> Result {
        precondition(!isEmpty, "a Redis command needs at least its name")
        var totalBytes = 0
        for argument in self {
            totalBytes += argument.byteCount
        }
        return withUnsafeTemporaryAllocation(of: UnsafePointer<CChar>?.self, capacity: count) { pointers in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: count) { lengths in
                withUnsafeTemporaryAllocation(byteCount: Swift.max(totalBytes, 1), alignment: 1) { bytes in
                    let base = bytes.baseAddress!
                    var offset = 0
                    for (index, argument) in enumerated() {
                        let length = argument.byteCount
                        argument.copyBytes(to: UnsafeMutableRawBufferPointer(rebasing: bytes[offset..<offset + length]))
                        pointers[index] = UnsafePointer((base + offset).assumingMemoryBound(to: CChar.self))
                        lengths[index] = length
                        offset += length
                    }
                    return body(Int32(count), pointers.baseAddress!, UnsafePointer(lengths.baseAddress!))
                }
            }
        }
    }
}
