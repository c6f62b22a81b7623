/// A Level 1 `R` line: one exchange's quote for a symbol (after `S,REGON,SYM`).
///
/// Layout: `R,Symbol,Exchange,RegBid,RegBidSize,RegBidTime,RegAsk,RegAskSize,RegAskTime,FractionDisplayCode,
/// DecimalPrecision,MarketCenter,`.
public struct RegionalQuote: Sendable, Hashable {
    /// The instrument.
    public var symbol: String
    /// The exchange field (deprecated by DTN), as written.
    public var exchange: String
    /// The regional bid; `nil` when empty.
    public var bid: Price?
    /// The regional bid size; `nil` when empty.
    public var bidSize: Int?
    /// The bid time, as written.
    public var bidTime: String
    /// The regional ask; `nil` when empty.
    public var ask: Price?
    /// The regional ask size; `nil` when empty.
    public var askSize: Int?
    /// The ask time, as written.
    public var askTime: String
    /// The fraction display code; `nil` when empty.
    public var fractionDisplayCode: Int?
    /// The decimal precision; `nil` when empty.
    public var decimalPrecision: Int?
    /// The market center; `nil` when empty.
    public var marketCenter: Int?
    /// Whether the line ends with `,`.
    public var trailingComma: Bool

    /// A regional quote with every field given.
    public init(
        symbol: String,
        exchange: String,
        bid: Price?,
        bidSize: Int?,
        bidTime: String,
        ask: Price?,
        askSize: Int?,
        askTime: String,
        fractionDisplayCode: Int?,
        decimalPrecision: Int?,
        marketCenter: Int?,
        trailingComma: Bool = true
    ) {
        self.symbol = symbol
        self.exchange = exchange
        self.bid = bid
        self.bidSize = bidSize
        self.bidTime = bidTime
        self.ask = ask
        self.askSize = askSize
        self.askTime = askTime
        self.fractionDisplayCode = fractionDisplayCode
        self.decimalPrecision = decimalPrecision
        self.marketCenter = marketCenter
        self.trailingComma = trailingComma
    }

    func write(to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "R"))
        bytes.appendField(symbol)
        bytes.appendField(exchange)
        bytes.appendField(bid)
        bytes.appendField(bidSize)
        bytes.appendField(bidTime)
        bytes.appendField(ask)
        bytes.appendField(askSize)
        bytes.appendField(askTime)
        bytes.appendField(fractionDisplayCode)
        bytes.appendField(decimalPrecision)
        bytes.appendField(marketCenter)
        bytes.appendEnd(trailingComma: trailingComma)
    }
}
