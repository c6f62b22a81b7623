/// The end of a lookup reply: `[RequestID,]!ENDMSG!,`.
public struct LookupEnd: Sendable, Hashable {
    /// The request that is complete; `nil` when the line has none.
    public var requestID: String?
    /// Whether the line ends with `,`.
    public var trailingComma: Bool

    /// An end-of-reply line.
    public init(requestID: String? = nil, trailingComma: Bool = true) {
        self.requestID = requestID
        self.trailingComma = trailingComma
    }

    func write(to bytes: inout [UInt8]) {
        if let requestID {
            bytes.appendText(requestID)
            bytes.append(UInt8(ascii: ","))
        }
        bytes.appendText("!ENDMSG!")
        bytes.appendEnd(trailingComma: trailingComma)
    }
}
