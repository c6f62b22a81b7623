/// Complete lines taken from a ``LineFramer``: a view of its buffer, valid until the framer receives again.
public struct FeedLines {
    /// The raw bytes: whole lines, each ending in `\n` unless ``endsWithoutNewline``.
    public let bytes: UnsafeRawBufferPointer
    /// True when the last line is an over-long fragment handed out without its end (see
    /// ``LineFramer/maximumLineLength``).
    public let endsWithoutNewline: Bool

    init(bytes: UnsafeRawBufferPointer, endsWithoutNewline: Bool = false) {
        self.bytes = bytes
        self.endsWithoutNewline = endsWithoutNewline
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
