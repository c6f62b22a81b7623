/// A line whose type is known but whose fields are not interpreted, kept as written: the deprecated Level 2 `O` line.
public struct RawMessage: Sendable, Hashable {
    /// The type code, e.g. `O`.
    public var typeCode: String
    /// The fields after the type code.
    public var values: FieldValues
    /// Whether the line ends with `,`.
    public var trailingComma: Bool

    /// A line of the given type and fields.
    public init(typeCode: String, values: FieldValues, trailingComma: Bool = true) {
        self.typeCode = typeCode
        self.values = values
        self.trailingComma = trailingComma
    }

    func write(to bytes: inout [UInt8]) {
        bytes.appendText(typeCode)
        bytes.appendFields(values)
        bytes.appendEnd(trailingComma: trailingComma)
    }
}
