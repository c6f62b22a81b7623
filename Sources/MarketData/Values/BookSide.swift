/// A side of a book: `B` (bid, buy) or `A` (ask, sell) on the feed.
///
/// The parser also reads `S` as ask, as IQFeed.CSharpApiClient does; the encoder always writes `A`.
public enum BookSide: Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Buy orders: `B`.
    case bid
    /// Sell orders: `A` (or `S` when parsing).
    case ask

    /// The side's code on the feed: `B` or `A`.
    public var code: Character {
        switch self {
        case .bid: "B"
        case .ask: "A"
        }
    }

    /// `bid` or `ask`.
    public var description: String {
        switch self {
        case .bid: "bid"
        case .ask: "ask"
        }
    }

    /// The side's code as a byte.
    var byte: UInt8 {
        switch self {
        case .bid: UInt8(ascii: "B")
        case .ask: UInt8(ascii: "A")
        }
    }

    /// The side for a one-byte field: `B`, `A` or `S`; `nil` for anything else.
    init?(byte: UInt8) {
        switch byte {
        case UInt8(ascii: "B"): self = .bid
        case UInt8(ascii: "A"), UInt8(ascii: "S"): self = .ask
        default: return nil
        }
    }
}
