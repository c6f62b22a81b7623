/// A market-by-price level removal on Level 2: `9,Symbol,Side,Price,Time,Date,`.
public struct PriceLevelDelete: Sendable, Hashable {
    /// The instrument.
    public var symbol: String
    /// Bid or ask.
    public var side: BookSide
    /// The price of the level that is gone.
    public var price: Price
    /// `HH:MM:SS.ffffff`, as written.
    public var time: String
    /// `YYYY-MM-DD`, as written.
    public var date: String
    /// Whether the line ends with `,`.
    public var trailingComma: Bool

    /// A level removal with every field given.
    public init(symbol: String, side: BookSide, price: Price, time: String, date: String, trailingComma: Bool = true) {
        self.symbol = symbol
        self.side = side
        self.price = price
        self.time = time
        self.date = date
        self.trailingComma = trailingComma
    }

    func write(to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "9"))
        bytes.appendField(symbol)
        bytes.appendField(side)
        bytes.appendField(price)
        bytes.appendField(time)
        bytes.appendField(date)
        bytes.appendEnd(trailingComma: trailingComma)
    }
}
