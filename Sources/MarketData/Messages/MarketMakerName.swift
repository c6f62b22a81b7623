/// `M,MMID,Description` on Level 2: the answer to `mMMID` (legacy depth).
public struct MarketMakerName: Sendable, Hashable {
    /// The market maker id.
    public var marketMaker: String
    /// Its name; may contain commas.
    public var description: String
    /// Whether the line ends with `,`.
    public var trailingComma: Bool

    /// A market-maker name line.
    public init(marketMaker: String, description: String, trailingComma: Bool = false) {
        self.marketMaker = marketMaker
        self.description = description
        self.trailingComma = trailingComma
    }

    func write(to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "M"))
        bytes.appendField(marketMaker)
        bytes.appendField(description)
        bytes.appendEnd(trailingComma: trailingComma)
    }
}
