import MarketData

/// What a recorder has written so far.
public struct RecorderStatistics: Sendable, Equatable {
    /// Lines written, all kinds.
    public var lines = 0
    /// Lines about a symbol (market data), the ones `--count` counts.
    public var dataLines = 0
    /// Lines per port.
    public var linesPerPort: [FeedPort: Int] = [:]
    /// Symbols seen in data lines.
    public var symbols: Set<String> = []
    /// Symbols IQFeed answered with `n,SYM`: it does not know them.
    public var unknownSymbols: Set<String> = []
    /// Gaps recorded.
    public var gaps = 0
    /// Why recording stopped early, if it did.
    public var failure: String?
}
