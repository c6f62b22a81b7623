/// An `E` line: `E,<text>,` on any port, `[RequestID,]E,<text>,` on the lookup port.
///
/// Texts seen: `!SYNTAX_ERROR!` (unknown command), `!NO_DATA!`, `Invalid symbol.`, `Unauthorized user ID.`,
/// `6.2 is not a valid protocol.`.
public struct ErrorMessage: Sendable, Hashable {
    /// The lookup request the error answers; `nil` when the line has none.
    public var requestID: String?
    /// The fields after `E`, as written: the text, then anything else (`E,!NO_DATA!,,` has one more, empty).
    public var values: FieldValues
    /// Whether the line ends with `,`.
    public var trailingComma: Bool

    /// An error line with its fields as written.
    public init(requestID: String? = nil, values: FieldValues, trailingComma: Bool = true) {
        self.requestID = requestID
        self.values = values
        self.trailingComma = trailingComma
    }

    /// An error line with one text, e.g. `ErrorMessage(text: "!SYNTAX_ERROR!")` for `E,!SYNTAX_ERROR!,`.
    /// - Precondition: `text` has no comma.
    public init(requestID: String? = nil, text: String, trailingComma: Bool = true) {
        self.init(requestID: requestID, values: FieldValues([text]), trailingComma: trailingComma)
    }

    /// The error text: the first field after `E`, empty if there is none.
    public var text: Substring { values.value(at: 0) ?? "" }

    func write(to bytes: inout [UInt8]) {
        if let requestID {
            bytes.appendText(requestID)
            bytes.append(UInt8(ascii: ","))
        }
        bytes.append(UInt8(ascii: "E"))
        bytes.appendFields(values)
        bytes.appendEnd(trailingComma: trailingComma)
    }
}
