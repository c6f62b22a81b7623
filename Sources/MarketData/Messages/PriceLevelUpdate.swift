/// A market-by-price level on Level 2: `7` (summary, part of the snapshot) or `8` (update).
///
/// Layout: `7|8,Symbol,Side,Price,Size,OrderCount,Precision,Time,Date,`. Size and order count are absolute: the level
/// `(side, price)` now holds exactly this.
public struct PriceLevelUpdate: Sendable, Hashable {
    /// Which of the two codes carried the level.
    public enum Kind: Sendable, Hashable {
        /// `7`: a snapshot row after `WPL`.
        case summary
        /// `8`: a change.
        case update
    }

    /// `7` or `8`.
    public var kind: Kind
    /// The instrument, e.g. `@ESM19`.
    public var symbol: String
    /// Bid or ask.
    public var side: BookSide
    /// The level's price.
    public var price: Price
    /// The total size at the level.
    public var size: Int
    /// How many orders make up the level; `nil` if the field is empty.
    public var orderCount: Int?
    /// The display precision (decimal places; 2 seen for ES, 4 for equities); `nil` if empty.
    public var precision: Int?
    /// `HH:MM:SS.ffffff`, as written.
    public var time: String
    /// `YYYY-MM-DD`, as written.
    public var date: String
    /// Whether the line ends with `,` (6.2 lines do).
    public var trailingComma: Bool

    /// A level line with every field given.
    public init(
        kind: Kind,
        symbol: String,
        side: BookSide,
        price: Price,
        size: Int,
        orderCount: Int?,
        precision: Int?,
        time: String,
        date: String,
        trailingComma: Bool = true
    ) {
        self.kind = kind
        self.symbol = symbol
        self.side = side
        self.price = price
        self.size = size
        self.orderCount = orderCount
        self.precision = precision
        self.time = time
        self.date = date
        self.trailingComma = trailingComma
    }

    func write(to bytes: inout [UInt8]) {
        bytes.append(kind == .summary ? UInt8(ascii: "7") : UInt8(ascii: "8"))
        bytes.appendField(symbol)
        bytes.appendField(side)
        bytes.appendField(price)
        bytes.appendField(size)
        bytes.appendField(orderCount)
        bytes.appendField(precision)
        bytes.appendField(time)
        bytes.appendField(date)
        bytes.appendEnd(trailingComma: trailingComma)
    }
}
