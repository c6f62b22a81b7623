extension FeedParser {
    /// `S`, `E`, `T` and `n`, which any port may send.
    mutating func parseAnyPort(_ cursor: inout FieldCursor, port: FeedPort) -> FeedMessage {
        switch cursor.singleByteTypeCode {
        case UInt8(ascii: "S"): return parseSystem(&cursor)
        case UInt8(ascii: "E"):
            let (values, trailingComma) = cursor.rest()
            return .error(ErrorMessage(values: values, trailingComma: trailingComma))
        case UInt8(ascii: "T"): return .timestamp(Self.parseTimestamp(&cursor))
        case UInt8(ascii: "n"): return .symbolNotFound(Self.parseSymbolNotFound(&cursor))
        default: return cursor.failUnknownType(port: port)
        }
    }

    /// `S,...`: `CLEAR DEPTH` is its own message; `CURRENT UPDATE FIELDNAMES` switches the Level 1 field list.
    private mutating func parseSystem(_ cursor: inout FieldCursor) -> FeedMessage {
        cursor.begin(.system)
        let nameRange = cursor.field()
        if nameRange.isEmpty { cursor.fail(LineProblem("system line has no name after 'S'")) }
        if cursor.fieldEquals(nameRange, "CLEAR DEPTH") {
            cursor.begin(.clearDepth)
            let symbol = cursor.nonEmptyString()
            let side = cursor.side()
            return .clearDepth(ClearDepth(symbol: symbol, side: side, trailingComma: cursor.finish()))
        }
        let name = cursor.string(nameRange)
        let (values, trailingComma) = cursor.rest()
        let message = SystemMessage(name: name, values: values, trailingComma: trailingComma)
        if let list = message.level1FieldList { level1Fields = list }
        return .system(message)
    }

    static func parseTimestamp(_ cursor: inout FieldCursor) -> TimestampMessage {
        cursor.begin(.timestamp)
        let timestamp = cursor.string()
        return TimestampMessage(timestamp: timestamp, trailingComma: cursor.finish())
    }

    static func parseSymbolNotFound(_ cursor: inout FieldCursor) -> SymbolNotFound {
        cursor.begin(.symbolNotFound)
        let symbol = cursor.nonEmptyString()
        return SymbolNotFound(symbol: symbol, trailingComma: cursor.finish())
    }
}
