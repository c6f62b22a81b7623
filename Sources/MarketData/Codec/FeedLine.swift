/// Cheap look-ups on a raw line for hot paths (recorder, simulator, inspector): the symbol and the type code, found
/// without parsing the line and without allocating.
///
/// - The **symbol** is field 1 of the symbol-bearing types `Q P F R n C 6 3 4 0 5 7 8 9 Z 2 q`, and field 2 of
///   `S,CLEAR DEPTH` and `S,SYMBOL LIMIT REACHED`. Every other line (`T`, `E`, other `S`, lookup, news) has none, and
///   neither has a line whose symbol field is empty.
/// - The **type code** is the first field, `S,<NAME>` for system lines (`S,CLEAR DEPTH`), and on the lookup port the
///   code after any request id (`LH`, `!ENDMSG!`, `E`).
///
/// A trailing `\r\n` or `\r` is ignored. The byte variants take a receive buffer and return offsets into it, so a
/// recorder can find the symbol without making a `String`.
public enum FeedLine {
    /// The symbol of `line`, or `nil` if the line carries none.
    public static func symbol<Line: StringProtocol>(of line: Line, port: FeedPort) -> Line.SubSequence? {
        guard let range = withBytes(of: line, { symbolRange(in: $0, port: port) }) else { return nil }
        return line[utf8Range(range, in: line)]
    }

    /// The type code of `line`: `Q`, `7`, `S,CLEAR DEPTH`, `LH`, `!ENDMSG!`...; empty for an empty line.
    public static func typeCode<Line: StringProtocol>(of line: Line, port: FeedPort) -> Line.SubSequence {
        let range = withBytes(of: line) { typeCodeRange(in: $0, port: port) }
        return line[utf8Range(range, in: line)]
    }

    /// The byte offsets of the symbol in `bytes` (one line), or `nil` if the line carries none.
    public static func symbolRange(in bytes: UnsafeRawBufferPointer, port: FeedPort) -> Range<Int>? {
        guard !bytes.isEmpty else { return nil }
        return bytes.withMemoryRebound(to: UInt8.self) { symbolRange(in: $0, port: port) }
    }

    /// The byte offsets of the type code in `bytes` (one line).
    public static func typeCodeRange(in bytes: UnsafeRawBufferPointer, port: FeedPort) -> Range<Int> {
        guard !bytes.isEmpty else { return 0..<0 }
        return bytes.withMemoryRebound(to: UInt8.self) { typeCodeRange(in: $0, port: port) }
    }

    /// The byte offsets of the symbol in `bytes` (one line), or `nil` if the line carries none.
    public static func symbolRange(in bytes: UnsafeBufferPointer<UInt8>, port: FeedPort) -> Range<Int>? {
        guard port != .lookup else { return nil }
        let end = contentEnd(bytes)
        let type = field(in: bytes, from: 0, end: end)
        guard type.upperBound < end else { return nil }
        let second = field(in: bytes, from: type.upperBound + 1, end: end)
        let symbol: Range<Int>
        if type.count == 1 && isSymbolBearing(bytes[0]) {
            symbol = second
        } else if type.count == 1 && bytes[0] == UInt8(ascii: "S") && second.upperBound < end
            && (equals(bytes, second, "CLEAR DEPTH") || equals(bytes, second, "SYMBOL LIMIT REACHED"))
        {
            symbol = field(in: bytes, from: second.upperBound + 1, end: end)
        } else {
            return nil
        }
        return symbol.isEmpty ? nil : symbol
    }

    /// The byte offsets of the type code in `bytes` (one line).
    public static func typeCodeRange(in bytes: UnsafeBufferPointer<UInt8>, port: FeedPort) -> Range<Int> {
        let end = contentEnd(bytes)
        var type = field(in: bytes, from: 0, end: end)
        if port == .lookup && type.upperBound < end && LookupTypeCode(bytes, type) == nil {
            type = field(in: bytes, from: type.upperBound + 1, end: end)
        }
        if type.count == 1 && bytes[type.lowerBound] == UInt8(ascii: "S") && type.upperBound < end {
            return type.lowerBound..<field(in: bytes, from: type.upperBound + 1, end: end).upperBound
        }
        return type
    }

    /// Whether a one-byte type code carries a symbol in field 1.
    @inline(__always)
    private static func isSymbolBearing(_ code: UInt8) -> Bool {
        switch code {
        case UInt8(ascii: "Q"), UInt8(ascii: "P"), UInt8(ascii: "F"), UInt8(ascii: "R"), UInt8(ascii: "n"),
            UInt8(ascii: "C"), UInt8(ascii: "6"), UInt8(ascii: "3"), UInt8(ascii: "4"), UInt8(ascii: "0"),
            UInt8(ascii: "5"), UInt8(ascii: "7"), UInt8(ascii: "8"), UInt8(ascii: "9"), UInt8(ascii: "Z"),
            UInt8(ascii: "2"), UInt8(ascii: "q"):
            true
        default:
            false
        }
    }

    /// The end of the line without a trailing `\n`, `\r\n` or `\r`.
    @inline(__always)
    private static func contentEnd(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var end = bytes.count
        if end > 0 && bytes[end - 1] == UInt8(ascii: "\n") { end -= 1 }
        if end > 0 && bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return end
    }

    /// The field starting at `start`: up to the next comma or `end`.
    @inline(__always)
    private static func field(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, end: Int) -> Range<Int> {
        var index = start
        while index < end && bytes[index] != UInt8(ascii: ",") { index += 1 }
        return start..<index
    }

    private static func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ text: StaticString) -> Bool {
        guard range.count == text.utf8CodeUnitCount else { return false }
        let expected = UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
        return zip(range, expected).allSatisfy { bytes[$0] == $1 }
    }

    /// Runs `body` on the line's UTF-8 bytes, copying only if the string is not stored contiguously.
    private static func withBytes<Line: StringProtocol, Result>(
        of line: Line,
        _ body: (UnsafeBufferPointer<UInt8>) -> Result
    ) -> Result {
        if let result = line.utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = String(line)
        return copy.withUTF8(body)
    }

    /// The string indices of a range of UTF-8 offsets (on ASCII boundaries: commas and line ends).
    private static func utf8Range<Line: StringProtocol>(_ range: Range<Int>, in line: Line) -> Range<Line.Index> {
        let utf8 = line.utf8
        let lower = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
        let upper = utf8.index(lower, offsetBy: range.count)
        return lower..<upper
    }
}
