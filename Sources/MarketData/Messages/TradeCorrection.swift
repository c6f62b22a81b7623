/// A Level 1 `C` line (protocol 6.2): a trade inserted into or deleted from the tape.
///
/// Layout: `C,Symbol,Type,TradeType,Date,Time,Price,Size,TickID,Conditions,MarketCenter,`.
public struct TradeCorrection: Sendable, Hashable {
    /// What the correction does.
    public enum Action: Sendable, Hashable {
        /// `I`: a trade is inserted.
        case insert
        /// `X`: a trade is deleted.
        case delete
    }

    /// The instrument.
    public var symbol: String
    /// Insert or delete.
    public var action: Action
    /// `C`, `E` or `O` (basis of the trade, as in `Message Contents`), as written; may be empty.
    public var tradeType: String
    /// `MM/DD/YYYY` as written; may be empty.
    public var date: String
    /// `HH:MM:SS.ffffff` as written; may be empty.
    public var time: String
    /// The trade price; `nil` when empty.
    public var price: Price?
    /// The trade size; `nil` when empty.
    public var size: Int?
    /// The trade's tick id; `nil` when empty.
    public var tickID: UInt64?
    /// Trade conditions as written (2-digit hex codes run together); may be empty.
    public var conditions: String
    /// The market center; `nil` when empty.
    public var marketCenter: Int?
    /// Whether the line ends with `,`.
    public var trailingComma: Bool

    /// A trade correction with every field given.
    public init(
        symbol: String,
        action: Action,
        tradeType: String,
        date: String,
        time: String,
        price: Price?,
        size: Int?,
        tickID: UInt64?,
        conditions: String,
        marketCenter: Int?,
        trailingComma: Bool = true
    ) {
        self.symbol = symbol
        self.action = action
        self.tradeType = tradeType
        self.date = date
        self.time = time
        self.price = price
        self.size = size
        self.tickID = tickID
        self.conditions = conditions
        self.marketCenter = marketCenter
        self.trailingComma = trailingComma
    }

    func write(to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "C"))
        bytes.appendField(symbol)
        bytes.appendField(action == .insert ? "I" : "X")
        bytes.appendField(tradeType)
        bytes.appendField(date)
        bytes.appendField(time)
        bytes.appendField(price)
        bytes.appendField(size)
        bytes.appendField(tickID)
        bytes.appendField(conditions)
        bytes.appendField(marketCenter)
        bytes.appendEnd(trailingComma: trailingComma)
    }
}
