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

/// A small, fast, seedable generator (Steele, Lea, Flood 2014), for reproducible fault schedules.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator whose sequence is fixed by `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
