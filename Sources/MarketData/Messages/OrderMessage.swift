/// A market-by-order row on Level 2: `6` (summary), `3` (add), `4` (update) or `0` (price-level order).
///
/// Layout: `Code,Symbol,OrderID,MMID,Side,Price,Size,OrderPriority,Precision,Time,Date,`. Futures carry an order id
/// and an empty MMID; Nasdaq equities an empty order id and the MMID (`NSDQ`, `AMEX`...). An update's size is
/// absolute and its price may be new.
public struct OrderMessage: Sendable, Hashable {
    /// Which code carried the order.
    public enum Kind: Sendable, Hashable, CaseIterable {
        /// `6`: a snapshot row after `WOR`.
        case summary
        /// `3`: a new order.
        case add
        /// `4`: a changed order (absolute size, possibly a new price).
        case update
        /// `0`: called "price level order" by IQFeed.CSharpApiClient; its meaning is unverified.
        case priceLevelOrder

        var code: UInt8 {
            switch self {
            case .summary: UInt8(ascii: "6")
            case .add: UInt8(ascii: "3")
            case .update: UInt8(ascii: "4")
            case .priceLevelOrder: UInt8(ascii: "0")
            }
        }
    }

    /// `6`, `3`, `4` or `0`.
    public var kind: Kind
    /// The instrument.
    public var symbol: String
    /// The exchange's order id; `nil` when empty (Nasdaq equities).
    public var orderID: UInt64?
    /// The market participant (`NSDQ`); empty for futures.
    public var marketMaker: String
    /// Bid or ask.
    public var side: BookSide
    /// The order's price.
    public var price: Price
    /// The order's size, absolute.
    public var size: Int
    /// The order's queue priority; `nil` when empty.
    public var priority: Int?
    /// The display precision; `nil` when empty.
    public var precision: Int?
    /// `HH:MM:SS.ffffff`, as written.
    public var time: String
    /// `YYYY-MM-DD`, as written.
    public var date: String
    /// Whether the line ends with `,`.
    public var trailingComma: Bool

    /// An order line with every field given.
    public init(
        kind: Kind,
        symbol: String,
        orderID: UInt64?,
        marketMaker: String,
        side: BookSide,
        price: Price,
        size: Int,
        priority: Int?,
        precision: Int?,
        time: String,
        date: String,
        trailingComma: Bool = true
    ) {
        self.kind = kind
        self.symbol = symbol
        self.orderID = orderID
        self.marketMaker = marketMaker
        self.side = side
        self.price = price
        self.size = size
        self.priority = priority
        self.precision = precision
        self.time = time
        self.date = date
        self.trailingComma = trailingComma
    }

    func write(to bytes: inout [UInt8]) {
        bytes.append(kind.code)
        bytes.appendField(symbol)
        bytes.appendField(orderID)
        bytes.appendField(marketMaker)
        bytes.appendField(side)
        bytes.appendField(price)
        bytes.appendField(size)
        bytes.appendField(priority)
        bytes.appendField(precision)
        bytes.appendField(time)
        bytes.appendField(date)
        bytes.appendEnd(trailingComma: trailingComma)
    }
}
