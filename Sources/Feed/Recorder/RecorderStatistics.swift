import MarketData

/// What a recorder has written so far.
public struct RecorderStatistics: Sendable, Equatable {
    /// Lines written, all kinds.
    public var lines = 0
    /// Market data lines: about a symbol, and neither `n,SYM` nor a system line such as `S,CLEAR DEPTH,SYM` (the
    /// lines `--count` counts).
    public var dataLines = 0
    /// Lines per port.
    public var linesPerPort: [FeedPort: Int] = [:]
    /// Symbols seen in data lines.
    public var symbols: Set<String> = []
    /// Symbols IQFeed answered with `n,SYM` on each port: it has nothing for them there.
    public var unknownSymbols: [FeedPort: Set<String>] = [:]
    /// Gaps recorded.
    public var gaps = 0
    /// Why recording stopped early, if it did.
    public var failure: String?
}
