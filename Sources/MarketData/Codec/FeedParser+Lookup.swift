extension FeedParser {
    /// Lookup lines: `[RequestID,]LH|LS|LC|LM,...`, `[RequestID,]!ENDMSG!,`, `[RequestID,]E,...`, and the `S`, `T`,
    /// `n` lines any port may send. A first field that is not a lookup type code is the request id.
    mutating func parseLookupPort(_ cursor: inout FieldCursor) -> FeedMessage {
        var requestID: String?
        if LookupTypeCode(cursor.bytes, cursor.typeCode) == nil {
            guard let type = cursor.next() else { return cursor.failUnknownType(port: .lookup) }
            requestID = cursor.string(cursor.typeCode)
            cursor.typeCode = type
        }
        switch LookupTypeCode(cursor.bytes, cursor.typeCode) {
        case .data:
            let dataID = cursor.string(cursor.typeCode)
            let (values, trailingComma) = cursor.rest()
            return .lookupData(
                LookupData(requestID: requestID, dataID: dataID, values: values, trailingComma: trailingComma)
            )
        case .end:
            cursor.begin(.lookupEnd)
            return .lookupEnd(LookupEnd(requestID: requestID, trailingComma: cursor.finish()))
        case .error:
            let (values, trailingComma) = cursor.rest()
            return .error(ErrorMessage(requestID: requestID, values: values, trailingComma: trailingComma))
        case .anyPort where requestID == nil:
            return parseAnyPort(&cursor, port: .lookup)
        case .anyPort, nil:
            let prefix = requestID.map { "after request id '\($0)' " } ?? ""
            cursor.fail(
                LineProblem(
                    "unknown message type \(LineProblem.quote(cursor.bytes, cursor.typeCode)) \(prefix)on "
                        + "\(FeedPort.lookup)"
                )
            )
            return .unread
        }
    }
}

/// The type codes of lookup lines, as ``FeedLine`` and the parser recognise them.
enum LookupTypeCode {
    /// `LH`, `LS`, `LC`, `LM`.
    case data
    /// `!ENDMSG!`.
    case end
    /// `E`.
    case error
    /// `S`, `T`, `n`: lines of any port, never after a request id.
    case anyPort

    /// The kind of `bytes[range]`, or `nil` if it is no lookup type code (so it may be a request id).
    init?(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        switch range.count {
        case 1:
            switch bytes[range.lowerBound] {
            case UInt8(ascii: "E"): self = .error
            case UInt8(ascii: "S"), UInt8(ascii: "T"), UInt8(ascii: "n"): self = .anyPort
            default: return nil
            }
        case 2:
            guard bytes[range.lowerBound] == UInt8(ascii: "L") else { return nil }
            switch bytes[range.lowerBound + 1] {
            case UInt8(ascii: "H"), UInt8(ascii: "S"), UInt8(ascii: "C"), UInt8(ascii: "M"): self = .data
            default: return nil
            }
        case 8:
            let endMessage: StaticString = "!ENDMSG!"
            let expected = UnsafeBufferPointer(start: endMessage.utf8Start, count: 8)
            guard zip(range, expected).allSatisfy({ bytes[$0] == $1 }) else { return nil }
            self = .end
        default:
            return nil
        }
    }
}
