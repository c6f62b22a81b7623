import MarketData

/// The top of a symbol's book after event `seq`: taken every ``BookSnapshot/defaultInterval`` events of the symbol
/// (`periodic`) and when a processor stops (`final`).
public struct BookSnapshot: Sendable, Hashable {
    /// Why the snapshot was taken.
    public enum Reason: String, Sendable, Hashable, Codable {
        case periodic, final
    }

    /// Levels per side kept in a snapshot.
    public static let depth = 10
    /// Events of a symbol between two periodic snapshots.
    public static let defaultInterval = 1000

    public var symbol: String
    public var seq: Int64
    public var reason: Reason
    /// Best first.
    public var bids: [PriceLevelBook.Level]
    /// Best first.
    public var asks: [PriceLevelBook.Level]

    /// The top ``depth`` levels of `book`.
    public init(symbol: String, seq: Int64, reason: Reason, book: PriceLevelBook) {
        self.symbol = symbol
        self.seq = seq
        self.reason = reason
        bids = book.levels(.bid, limit: Self.depth)
        asks = book.levels(.ask, limit: Self.depth)
    }

    /// A side as stored: `price size orders` per level, levels separated by `;`, best first (`orders` is `-` when
    /// the feed did not say).
    public static func encode(_ levels: [PriceLevelBook.Level]) -> String {
        levels.map { "\($0.price) \($0.size) \($0.orderCount.map(String.init) ?? "-")" }.joined(separator: ";")
    }
}
