import SystemSupport

/// Turns a TCP byte stream into lines: IQFeed sends one message per line ending in `\r\n`, and one receive can hold
/// a partial line or many lines.
///
/// The framer receives straight into its own buffer and hands out complete lines as views of that buffer, so no
/// line is copied or turned into a `String` on the way. A partial line stays until the rest arrives.
public final class LineFramer {
    /// A line longer than this without a `\n` is handed out as it is (a broken peer, not IQFeed), so memory stays
    /// bounded and the bytes are still accounted for.
    public static let maximumLineLength = 64 * 1024

    private var storage: UnsafeMutableRawBufferPointer
    private var start = 0
    private var end = 0

    /// Creates a framer with room for `capacity` bytes of received data.
    public init(capacity: Int = 256 * 1024) {
        storage = .allocate(byteCount: max(capacity, 2 * Self.maximumLineLength), alignment: 1)
    }

    deinit {
        storage.deallocate()
    }

    /// Receives once from `stream` (waiting up to `timeout`) and appends what came to the buffer.
    public func fill(from stream: TCPStream, timeout: Duration) -> TCPStream.Received {
        compact()
        let free = UnsafeMutableRawBufferPointer(rebasing: storage[end...])
        let received = stream.receive(into: free, timeout: timeout)
        if case .bytes(let count) = received { end += count }
        return received
    }

    /// Appends bytes that came from elsewhere (a test, or a file of raw feed bytes), growing the buffer if needed.
    public func append(_ bytes: UnsafeRawBufferPointer) {
        compact()
        if storage.count - end < bytes.count {
            let grown = UnsafeMutableRawBufferPointer.allocate(byteCount: 2 * (end + bytes.count), alignment: 1)
            grown.copyMemory(from: UnsafeRawBufferPointer(rebasing: storage[..<end]))
            storage.deallocate()
            storage = grown
        }
        UnsafeMutableRawBufferPointer(rebasing: storage[end...]).copyMemory(from: bytes)
        end += bytes.count
    }

    /// The complete lines received so far, consumed by this call; the partial tail stays buffered.
    ///
    /// The returned ``FeedLines`` views the framer's buffer: use it before the next ``fill(from:timeout:)`` or
    /// ``append(_:)`` (which may move the buffer).
    public func takeLines() -> FeedLines {
        let pending = UnsafeRawBufferPointer(rebasing: storage[start..<end])
        guard let lastNewline = pending.lastIndex(of: UInt8(ascii: "\n")) else {
            if pending.count >= Self.maximumLineLength {
                return takeOverlong()
            }
            return FeedLines(bytes: UnsafeRawBufferPointer(start: nil, count: 0))
        }
        let complete = UnsafeRawBufferPointer(rebasing: pending[...lastNewline])
        start += complete.count
        return FeedLines(bytes: complete)
    }

    /// Drops the partial line waiting for its end (a connection ended mid-line) and returns its length, so the caller
    /// can say what was cut off instead of storing a truncated line as if it were whole.
    public func discardPartialLine() -> Int {
        defer { start = end }
        return end - start
    }

    /// Bytes of a line still waiting for its end.
    public var partialLineLength: Int { end - start }

    private func compact() {
        guard start > 0 else { return }
        let count = end - start
        if count > 0 {
            storage.baseAddress!.copyMemory(from: storage.baseAddress! + start, byteCount: count)
        }
        start = 0
        end = count
    }

    private func takeOverlong() -> FeedLines {
        let line = UnsafeRawBufferPointer(rebasing: storage[start..<end])
        start = end
        return FeedLines(bytes: line)
    }
}
