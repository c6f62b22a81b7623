/// The fixed fields of each message type after its type code, for field counts and the names in bad-line reasons.
enum LineLayout {
    case orderRow, orderDelete, priceLevel, priceLevelDelete, marketMaker, clearDepth, noDepth, marketMakerName
    case fundamental, regional, tradeCorrection, news, timestamp, symbolNotFound, system, lookupEnd
    /// `Q` and `P` values, named by the Level 1 field list in effect.
    case level1Values

    /// The field names, in order. Built only for reasons, never on the hot path.
    var names: [String] {
        switch self {
        case .orderRow:
            ["Symbol", "OrderID", "MMID", "Side", "Price", "Size", "OrderPriority", "Precision", "Time", "Date"]
        case .orderDelete: ["Symbol", "OrderID", "MMID", "Side", "Time", "Date"]
        case .priceLevel: ["Symbol", "Side", "Price", "Size", "OrderCount", "Precision", "Time", "Date"]
        case .priceLevelDelete: ["Symbol", "Side", "Price", "Time", "Date"]
        case .marketMaker:
            [
                "Symbol", "MMID", "Bid", "Ask", "BidSize", "AskSize", "BidTime", "Date", "ConditionCode", "AskTime",
                "BidInfoValid", "AskInfoValid", "EndOfMessageGroup",
            ]
        case .clearDepth: ["Symbol", "Side"]
        case .noDepth, .fundamental, .symbolNotFound: ["Symbol"]
        case .marketMakerName: ["MMID", "Description"]
        case .regional:
            [
                "Symbol", "Exchange", "RegBid", "RegBidSize", "RegBidTime", "RegAsk", "RegAskSize", "RegAskTime",
                "FractionDisplayCode", "DecimalPrecision", "MarketCenter",
            ]
        case .tradeCorrection:
            ["Symbol", "Type", "TradeType", "Date", "Time", "Price", "Size", "TickID", "Conditions", "MarketCenter"]
        case .news: ["Distributor", "StoryID", "Symbols", "Timestamp", "Headline"]
        case .timestamp: ["Timestamp"]
        case .system: ["Name"]
        case .lookupEnd: []
        case .level1Values: []
        }
    }

    /// Whether more fields may follow the named ones (kept as raw values).
    var isOpenEnded: Bool {
        switch self {
        case .noDepth, .fundamental, .system, .level1Values: true
        default: false
        }
    }
}
