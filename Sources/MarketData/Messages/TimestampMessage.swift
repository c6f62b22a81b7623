/// A `T` line: IQConnect's clock, `T,YYYYMMDD HH:MM:SS`, about once a second on Level 1 and Level 2.
public struct TimestampMessage: Sendable, Hashable {
    /// `YYYYMMDD HH:MM:SS` (US/Eastern), as written.
    public var timestamp: String
    /// Whether the line ends with `,`.
    public var trailingComma: Bool

    /// A timestamp line.
    public init(timestamp: String, trailingComma: Bool = false) {
        self.timestamp = timestamp
        self.trailingComma = trailingComma
    }

    func write(to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "T"))
        bytes.appendField(timestamp)
        bytes.appendEnd(trailingComma: trailingComma)
    }
}
