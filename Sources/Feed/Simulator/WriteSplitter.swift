import SystemSupport

/// Sends a buffer in pieces of random size (1 to `maximumPiece` bytes), one `send` each, so the client sees lines
/// cut at arbitrary byte boundaries. Seeded: the same seed cuts at the same places.
struct WriteSplitter: Sendable {
    private var generator: SplitMix64
    private let maximumPiece: Int

    init(seed: UInt64, maximumPiece: Int) {
        self.generator = SplitMix64(seed: seed)
        self.maximumPiece = max(1, maximumPiece)
    }

    mutating func send(_ bytes: UnsafeRawBufferPointer, to stream: TCPStream) throws {
        var offset = 0
        while offset < bytes.count {
            let piece = min(Int(generator.next() % UInt64(maximumPiece)) + 1, bytes.count - offset)
            try stream.send(UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + piece)]))
            offset += piece
        }
    }
}
