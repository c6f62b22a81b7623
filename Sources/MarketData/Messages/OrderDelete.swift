/// A market-by-order removal on Level 2: `5,Symbol,OrderID,MMID,Side,Time,Date,`.
///
/// Futures name the order by id (MMID empty); Nasdaq equities by MMID and side (order id empty). The time may be empty.
public struct OrderDelete: Sendable, Hashable {
    /// The instrument.
    public var symbol: String
    /// The exchange's order id; `nil` when empty.
    public var orderID: UInt64?
    /// The market participant; empty for futures.
    public var marketMaker: String
    /// Bid or ask.
    public var side: BookSide
    /// `HH:MM:SS.ffffff` as written; may be empty.
    public var time: String
    /// `YYYY-MM-DD`, as written.
    public var date: String
    /// Whether the line ends with `,`.
    public var trailingComma: Bool

    /// An order removal with every field given.
    public init(
        symbol: String,
        orderID: UInt64?,
        marketMaker: String,
        side: BookSide,
        time: String,
        date: String,
        trailingComma: Bool = true
    ) {
        self.symbol = symbol
        self.orderID = orderID
        self.marketMaker = marketMaker
        self.side = side
        self.time = time
        self.date = date
        self.trailingComma = trailingComma
    }

    func write(to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "5"))
        bytes.appendField(symbol)
        bytes.appendField(orderID)
        bytes.appendField(marketMaker)
        bytes.appendField(side)
        bytes.appendField(time)
        bytes.appendField(date)
        bytes.appendEnd(trailingComma: trailingComma)
    }
}
