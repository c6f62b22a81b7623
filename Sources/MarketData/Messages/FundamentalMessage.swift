/// A Level 1 `F` line: the symbol's fundamental data, about 57 fields whose order changes between versions.
///
/// The values are kept as written; their names come from `S,FUNDAMENTAL FIELDNAMES`.
public struct FundamentalMessage: Sendable, Hashable {
    /// The instrument.
    public var symbol: String
    /// The fields after the symbol (`Exchange ID`, `PE`, `Average Volume`...), as written.
    public var values: FieldValues
    /// Whether the line ends with `,`.
    public var trailingComma: Bool

    /// A fundamental line.
    public init(symbol: String, values: FieldValues, trailingComma: Bool = true) {
        self.symbol = symbol
        self.values = values
        self.trailingComma = trailingComma
    }

    func write(to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "F"))
        bytes.appendField(symbol)
        bytes.appendFields(values)
        bytes.appendEnd(trailingComma: trailingComma)
    }
}
