import MarketData

/// Which kind of Level 2 book a symbol's depth comes from; the first Level 2 message seen for the symbol decides.
public enum DepthKind: String, Sendable, Hashable, Codable {
    /// Market by price: `7`/`8`/`9`.
    case byPrice = "mbp"
    /// Market by order: `6`/`3`/`4`/`0`/`5`.
    case byOrder = "mbo"
    /// Legacy market-maker rows: `Z`/`2`.
    case marketMaker = "mm"

    /// The kind of book `message` belongs to, or `nil` for a message that is not book depth.
    init?(_ message: FeedMessage) {
        switch message {
        case .priceLevel, .priceLevelDelete: self = .byPrice
        case .order, .orderDelete: self = .byOrder
        case .marketMaker: self = .marketMaker
        default: return nil
        }
    }
}
