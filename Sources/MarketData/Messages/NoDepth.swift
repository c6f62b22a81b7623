/// `q,Symbol,...` on Level 2: no depth is available for the symbol. Fields after the symbol are kept as written;
/// their meaning is unverified.
public struct NoDepth: Sendable, Hashable {
    /// The instrument.
    public var symbol: String
    /// Any fields after the symbol, as written.
    public var values: FieldValues
    /// Whether the line ends with `,`.
    public var trailingComma: Bool

    /// A no-depth line.
    public init(symbol: String, values: FieldValues = FieldValues(), trailingComma: Bool = true) {
        self.symbol = symbol
        self.values = values
        self.trailingComma = trailingComma
    }

    func write(to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "q"))
        bytes.appendField(symbol)
        bytes.appendFields(values)
        bytes.appendEnd(trailingComma: trailingComma)
    }
}
