/// A data row on the lookup port: `[RequestID,]LH,<fields>` (6.2 history), or `LS` (symbols), `LC` (chains),
/// `LM` (market summary).
///
/// The fields depend on the request (ticks, daily bars, intervals), which the line does not say, so they are kept as
/// written.
public struct LookupData: Sendable, Hashable {
    /// The request the row answers; `nil` when the line has none.
    public var requestID: String?
    /// The data id: `LH`, `LS`, `LC` or `LM`.
    public var dataID: String
    /// The fields after the data id, as written.
    public var values: FieldValues
    /// Whether the line ends with `,`.
    public var trailingComma: Bool

    /// A lookup data row.
    public init(requestID: String? = nil, dataID: String = "LH", values: FieldValues, trailingComma: Bool = true) {
        self.requestID = requestID
        self.dataID = dataID
        self.values = values
        self.trailingComma = trailingComma
    }

    func write(to bytes: inout [UInt8]) {
        if let requestID {
            bytes.appendText(requestID)
            bytes.append(UInt8(ascii: ","))
        }
        bytes.appendText(dataID)
        bytes.appendFields(values)
        bytes.appendEnd(trailingComma: trailingComma)
    }
}
