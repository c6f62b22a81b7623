/// An `S` line other than `S,CLEAR DEPTH`: `S,<NAME>[,values...]`, e.g. `S,SERVER CONNECTED`,
/// `S,CURRENT PROTOCOL,6.2`, `S,STATS,...`, `S,CURRENT UPDATE FIELDNAMES,Symbol,...`.
public struct SystemMessage: Sendable, Hashable {
    /// The name: the second field (`SERVER CONNECTED`, `STATS`, `CURRENT UPDATE FIELDNAMES`).
    public var name: String
    /// The fields after the name, as written.
    public var values: FieldValues
    /// Whether the line ends with `,`.
    public var trailingComma: Bool

    /// A system line.
    public init(name: String, values: FieldValues = FieldValues(), trailingComma: Bool = false) {
        self.name = name
        self.values = values
        self.trailingComma = trailingComma
    }

    /// `CURRENT UPDATE FIELDNAMES`: the acknowledged Level 1 field list, which the parser switches to.
    public static let currentUpdateFieldNames = "CURRENT UPDATE FIELDNAMES"

    /// `SYMBOL LIMIT REACHED`: the watch of the symbol in the first value was refused.
    public static let symbolLimitReached = "SYMBOL LIMIT REACHED"

    /// The Level 1 field list a `S,CURRENT UPDATE FIELDNAMES` line announces; `nil` for other names or no names.
    public var level1FieldList: Level1FieldList? {
        guard name == Self.currentUpdateFieldNames, !values.isEmpty else { return nil }
        return Level1FieldList(values.map(String.init))
    }

    func write(to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "S"))
        bytes.appendField(name)
        bytes.appendFields(values)
        bytes.appendEnd(trailingComma: trailingComma)
    }
}
