/// A legacy (≤ 6.1) Level 2 row for one market maker: `Z` (summary) or `2` (update).
///
/// Layout: `Z|2,Symbol,MMID,Bid,Ask,BidSize,AskSize,BidTime,Date,ConditionCode,AskTime,BidInfoValid,AskInfoValid,
/// EndOfMessageGroup,`. Each line replaces the whole row for `(symbol, marketMaker)`.
public struct MarketMakerQuote: Sendable, Hashable {
    /// Which code carried the row.
    public enum Kind: Sendable, Hashable {
        /// `Z`: a snapshot row.
        case summary
        /// `2`: a change.
        case update
    }

    /// `Z` or `2`.
    public var kind: Kind
    /// The instrument.
    public var symbol: String
    /// The market maker, or a depth pseudo-MMID such as `MD01` for futures.
    public var marketMaker: String
    /// The bid price; `nil` when empty.
    public var bid: Price?
    /// The ask price; `nil` when empty.
    public var ask: Price?
    /// The bid size; `nil` when empty.
    public var bidSize: Int?
    /// The ask size; `nil` when empty.
    public var askSize: Int?
    /// `HH:MM:SS.ffffff`, as written.
    public var bidTime: String
    /// `YYYY-MM-DD`, as written.
    public var date: String
    /// The condition code, as written (`52`).
    public var conditionCode: String
    /// `HH:MM:SS.ffffff`, as written.
    public var askTime: String
    /// `T` or `F`; `nil` when empty.
    public var bidValid: Bool?
    /// `T` or `F`; `nil` when empty.
    public var askValid: Bool?
    /// `T` when this row ends a group of rows; `nil` when empty.
    public var endOfGroup: Bool?
    /// Whether the line ends with `,`.
    public var trailingComma: Bool

    /// A market-maker row with every field given.
    public init(
        kind: Kind,
        symbol: String,
        marketMaker: String,
        bid: Price?,
        ask: Price?,
        bidSize: Int?,
        askSize: Int?,
        bidTime: String,
        date: String,
        conditionCode: String,
        askTime: String,
        bidValid: Bool?,
        askValid: Bool?,
        endOfGroup: Bool?,
        trailingComma: Bool = true
    ) {
        self.kind = kind
        self.symbol = symbol
        self.marketMaker = marketMaker
        self.bid = bid
        self.ask = ask
        self.bidSize = bidSize
        self.askSize = askSize
        self.bidTime = bidTime
        self.date = date
        self.conditionCode = conditionCode
        self.askTime = askTime
        self.bidValid = bidValid
        self.askValid = askValid
        self.endOfGroup = endOfGroup
        self.trailingComma = trailingComma
    }

    func write(to bytes: inout [UInt8]) {
        bytes.append(kind == .summary ? UInt8(ascii: "Z") : UInt8(ascii: "2"))
        bytes.appendField(symbol)
        bytes.appendField(marketMaker)
        bytes.appendField(bid)
        bytes.appendField(ask)
        bytes.appendField(bidSize)
        bytes.appendField(askSize)
        bytes.appendField(bidTime)
        bytes.appendField(date)
        bytes.appendField(conditionCode)
        bytes.appendField(askTime)
        bytes.appendField(bidValid)
        bytes.appendField(askValid)
        bytes.appendField(endOfGroup)
        bytes.appendEnd(trailingComma: trailingComma)
    }
}
