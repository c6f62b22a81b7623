/// Reads IQFeed lines into ``FeedMessage`` values: every message of the Level 1, Level 2, lookup and admin ports.
///
/// The parser has state: the Level 1 field list. It starts with the 6.x default list and switches when it reads
/// `S,CURRENT UPDATE FIELDNAMES,...`, so keep one parser per connection (or per capture replay) and feed it the
/// lines in order.
///
/// A line may end with `\r\n`, `\n`, `\r` or nothing; with a trailing comma or not. Parsing never fails and never
/// drops a line: anything it cannot read comes back as ``FeedMessage/bad(_:)`` with the line, the port and a reason.
/// It works on UTF-8 bytes and splits each line once; beyond the message itself it allocates only strings longer
/// than 15 bytes (symbols, times and dates are usually shorter) and one string for variable tails such as `Q`
/// values.
public struct FeedParser: Sendable {
    /// The Level 1 field list `Q` and `P` lines are read by.
    public internal(set) var level1Fields: Level1FieldList

    /// A parser that reads Level 1 lines by `level1Fields` until IQConnect acknowledges another list.
    public init(level1Fields: Level1FieldList = .default) {
        self.level1Fields = level1Fields
    }

    /// Parses one line from `port`.
    public mutating func parse(_ line: some StringProtocol, port: FeedPort) -> FeedMessage {
        if let message = line.utf8.withContiguousStorageIfAvailable({ parse($0, port: port) }) {
            return message
        }
        var copy = String(line)
        return copy.withUTF8 { parse($0, port: port) }
    }

    /// Parses one line from `port`, given as bytes (an array, a slice, `Data`...).
    public mutating func parse(bytes: some Collection<UInt8>, port: FeedPort) -> FeedMessage {
        if let message = bytes.withContiguousStorageIfAvailable({ parse($0, port: port) }) {
            return message
        }
        return Array(bytes).withUnsafeBufferPointer { parse($0, port: port) }
    }

    /// Parses one line from `port` in a receive buffer, without copying it first.
    public mutating func parse(_ bytes: UnsafeRawBufferPointer, port: FeedPort) -> FeedMessage {
        guard !bytes.isEmpty else { return .bad(BadLine(bytes: [], port: port, reason: "empty line")) }
        return bytes.withMemoryRebound(to: UInt8.self) { parse($0, port: port) }
    }

    /// Parses one line from `port`.
    public mutating func parse(_ bytes: UnsafeBufferPointer<UInt8>, port: FeedPort) -> FeedMessage {
        var count = bytes.count
        if count > 0 && bytes[count - 1] == UInt8(ascii: "\n") { count -= 1 }
        if count > 0 && bytes[count - 1] == UInt8(ascii: "\r") { count -= 1 }
        let line = UnsafeBufferPointer(rebasing: bytes[0..<count])
        var cursor = FieldCursor(line)
        let message = parseLine(&cursor, port: port)
        if let problem = cursor.problem {
            return .bad(BadLine(bytes: Array(line), port: port, reason: problem.reason))
        }
        return message
    }

    /// The message of the line `cursor` is on; ``FeedMessage/unread`` when a problem is recorded before there is one
    /// to build.
    @inline(__always)
    private mutating func parseLine(_ cursor: inout FieldCursor, port: FeedPort) -> FeedMessage {
        let line = cursor.bytes
        guard !line.isEmpty else {
            cursor.fail(LineProblem("empty line"))
            return .unread
        }
        if let offset = UTF8Validation.firstInvalidOffset(line) {
            cursor.fail(LineProblem("not UTF-8: byte 0x\(LineProblem.hex(line[offset])) at offset \(offset)"))
            return .unread
        }
        guard let type = cursor.next() else { return .unread }
        cursor.typeCode = type
        switch port {
        case .level1: return parseLevel1Port(&cursor)
        case .level2: return parseLevel2Port(&cursor)
        case .lookup: return parseLookupPort(&cursor)
        case .admin: return parseAnyPort(&cursor, port: .admin)
        }
    }

    @inline(__always)
    private mutating func parseLevel1Port(_ cursor: inout FieldCursor) -> FeedMessage {
        switch cursor.singleByteTypeCode {
        case UInt8(ascii: "Q"): return .level1(parseLevel1Update(.update, &cursor))
        case UInt8(ascii: "P"): return .level1(parseLevel1Update(.summary, &cursor))
        case UInt8(ascii: "F"): return .fundamental(Self.parseFundamental(&cursor))
        case UInt8(ascii: "R"): return .regional(Self.parseRegional(&cursor))
        case UInt8(ascii: "C"): return .tradeCorrection(Self.parseTradeCorrection(&cursor))
        case UInt8(ascii: "N"): return .news(Self.parseNews(&cursor))
        default: return parseAnyPort(&cursor, port: .level1)
        }
    }

    @inline(__always)
    private mutating func parseLevel2Port(_ cursor: inout FieldCursor) -> FeedMessage {
        switch cursor.singleByteTypeCode {
        case UInt8(ascii: "7"): return .priceLevel(Self.parsePriceLevel(.summary, &cursor))
        case UInt8(ascii: "8"): return .priceLevel(Self.parsePriceLevel(.update, &cursor))
        case UInt8(ascii: "9"): return .priceLevelDelete(Self.parsePriceLevelDelete(&cursor))
        case UInt8(ascii: "6"): return .order(Self.parseOrder(.summary, &cursor))
        case UInt8(ascii: "3"): return .order(Self.parseOrder(.add, &cursor))
        case UInt8(ascii: "4"): return .order(Self.parseOrder(.update, &cursor))
        case UInt8(ascii: "0"): return .order(Self.parseOrder(.priceLevelOrder, &cursor))
        case UInt8(ascii: "5"): return .orderDelete(Self.parseOrderDelete(&cursor))
        case UInt8(ascii: "Z"): return .marketMaker(Self.parseMarketMaker(.summary, &cursor))
        case UInt8(ascii: "2"): return .marketMaker(Self.parseMarketMaker(.update, &cursor))
        case UInt8(ascii: "q"): return .noDepth(Self.parseNoDepth(&cursor))
        case UInt8(ascii: "M"): return .marketMakerName(Self.parseMarketMakerName(&cursor))
        case UInt8(ascii: "O"):
            let (values, trailingComma) = cursor.rest()
            return .deprecated(RawMessage(typeCode: "O", values: values, trailingComma: trailingComma))
        default: return parseAnyPort(&cursor, port: .level2)
        }
    }
}

extension FieldCursor {
    /// The type code's byte if it is one byte long; 0 otherwise.
    @inline(__always)
    var singleByteTypeCode: UInt8 {
        typeCode.count == 1 ? bytes[typeCode.lowerBound] : 0
    }

    /// Whether `bytes[range]` is exactly `text`.
    func fieldEquals(_ range: Range<Int>, _ text: StaticString) -> Bool {
        guard range.count == text.utf8CodeUnitCount else { return false }
        let expected = UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
        return zip(range, expected).allSatisfy { bytes[$0] == $1 }
    }

    /// Records that the port does not send lines of this type code; ``FeedMessage/unread``, for the caller to return.
    mutating func failUnknownType(port: FeedPort) -> FeedMessage {
        fail(LineProblem("unknown message type \(LineProblem.quote(bytes, typeCode)) on \(port)"))
        return .unread
    }
}

extension FeedMessage {
    /// What a parse function returns when the line has a problem and no message: a cheap value the parser replaces
    /// with a ``BadLine`` before anyone sees it.
    static var unread: FeedMessage { .lookupEnd(LookupEnd(requestID: nil, trailingComma: false)) }
}
