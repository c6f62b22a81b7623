/// Complete lines taken from a ``LineFramer``: a view of its buffer, valid until the framer receives again.
public struct FeedLines {
    /// The raw bytes: whole lines, each ending in `\n`, except an over-long fragment handed out without its end
    /// (see ``LineFramer/maximumLineLength``).
    public let bytes: UnsafeRawBufferPointer

    init(bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// True when there is no line.
    public var isEmpty: Bool { bytes.isEmpty }

    /// Calls `body` with each line, without its `\r\n` (or `\n`), in order.
    @inlinable
    public func forEach(_ body: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        var lineStart = 0
        let count = bytes.count
        while lineStart < count {
            var lineEnd = lineStart
            while lineEnd < count && bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
            let next = lineEnd + 1
            if lineEnd > lineStart && bytes[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
            try body(UnsafeRawBufferPointer(rebasing: bytes[lineStart..<lineEnd]))
            lineStart = next
        }
    }
}
