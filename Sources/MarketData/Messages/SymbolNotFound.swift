/// An `n` line: `n,SYMBOL`, the answer to a watch of a symbol IQFeed does not know.
public struct SymbolNotFound: Sendable, Hashable {
    /// The unknown symbol.
    public var symbol: String
    /// Whether the line ends with `,`.
    public var trailingComma: Bool

    /// A symbol-not-found line.
    public init(symbol: String, trailingComma: Bool = false) {
        self.symbol = symbol
        self.trailingComma = trailingComma
    }

    func write(to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "n"))
        bytes.appendField(symbol)
        bytes.appendEnd(trailingComma: trailingComma)
    }
}
