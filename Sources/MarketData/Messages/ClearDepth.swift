/// `S,CLEAR DEPTH,Symbol,Side,` on Level 2: drop that whole side of the symbol's book.
///
/// IQConnect sends it after it loses its link to DTN (`S,SERVER DISCONNECTED`).
public struct ClearDepth: Sendable, Hashable {
    /// The instrument whose book side is cleared.
    public var symbol: String
    /// The side to clear.
    public var side: BookSide
    /// Whether the line ends with `,`.
    public var trailingComma: Bool

    /// A clear-depth line.
    public init(symbol: String, side: BookSide, trailingComma: Bool = true) {
        self.symbol = symbol
        self.side = side
        self.trailingComma = trailingComma
    }

    func write(to bytes: inout [UInt8]) {
        bytes.appendText("S,CLEAR DEPTH")
        bytes.appendField(symbol)
        bytes.appendField(side)
        bytes.appendEnd(trailingComma: trailingComma)
    }
}
