/// Walks the comma-separated fields of one line, left to right, without copying: the single split of the codec.
///
/// Typed readers (``price()``, ``integer()``...) take the next field. When a field is missing or not what the layout
/// says, the reader records the first ``problem`` (naming the field by its split index, the type code being field 0,
/// and its name in the current ``LineLayout``) and returns a placeholder; the parser then turns the line into a bad
/// line. Nothing throws: a thrown error costs far more than a flag, and tests hook every throw.
struct FieldCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    /// Where the next field starts.
    private(set) var position = 0
    /// The split index of the next field.
    private(set) var index = 0
    /// Whether the last field has been taken.
    private(set) var isAtEnd = false
    /// The first thing found wrong with the line, if any.
    private(set) var problem: LineProblem?
    /// The range of the type code, for reasons.
    var typeCode = 0..<0
    /// The layout being read, for counts and names in reasons.
    var layout = LineLayout.system
    /// The split index of the layout's first field.
    var layoutStart = 1
    /// The names of Level 1 values, when ``layout`` is ``LineLayout/level1Values``.
    var level1Names: [String] = []

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// Records `problem` unless one is recorded already.
    mutating func fail(_ problem: LineProblem) {
        if self.problem == nil { self.problem = problem }
    }

    /// The next field's range, or `nil` after the last field.
    @inline(__always)
    mutating func next() -> Range<Int>? {
        guard !isAtEnd else { return nil }
        let start = position
        let end = Self.comma(in: bytes, from: start)
        let count = bytes.count
        if end == count {
            isAtEnd = true
            position = count
        } else {
            position = end + 1
        }
        index += 1
        return start..<end
    }

    /// The offset of the first comma at or after `start`, or `bytes.count` if there is none. Reads 8 bytes at a time
    /// (fields are short, so usually one step finds it).
    @inline(__always)
    static func comma(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let count = bytes.count
        var offset = start
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while offset + 8 <= count {
                // Bytes equal to ',' become zero; the classic zero-byte test marks the first of them in its high bit.
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                let xored = word ^ 0x2C2C_2C2C_2C2C_2C2C
                let zeros = (xored &- 0x0101_0101_0101_0101) & ~xored & 0x8080_8080_8080_8080
                if zeros != 0 { return offset + zeros.trailingZeroBitCount / 8 }
                offset += 8
            }
            while offset < count && base[offset] != UInt8(ascii: ",") { offset += 1 }
        }
        return offset
    }

    /// Starts reading `layout`, whose first field is the next one.
    mutating func begin(_ layout: LineLayout) {
        self.layout = layout
        layoutStart = index
    }

    /// The next field, which the layout requires; empty (and a problem recorded) if the line has no more fields.
    @inline(__always)
    mutating func field() -> Range<Int> {
        guard let range = next() else {
            if problem == nil { fail(tooFewFields()) }
            return bytes.count..<bytes.count
        }
        return range
    }

    /// The next field as a `String` (lines are checked to be UTF-8 before reading).
    @inline(__always)
    mutating func string() -> String {
        string(field())
    }

    /// The next field as a `String` that must not be empty.
    @inline(__always)
    mutating func nonEmptyString() -> String {
        let range = field()
        if range.isEmpty { failEmpty() }
        return string(range)
    }

    /// `bytes[range]` as a `String`.
    @inline(__always)
    func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// The next field as a price that must be there.
    @inline(__always)
    mutating func price() -> Price {
        let range = field()
        if range.isEmpty { failEmpty() }
        return price(range)
    }

    /// The next field as a price, `nil` if empty.
    @inline(__always)
    mutating func optionalPrice() -> Price? {
        let range = field()
        return range.isEmpty ? nil : price(range)
    }

    /// `bytes[range]`, the field just taken, as a price (zero, with a problem recorded, if it is not one).
    @inline(__always)
    mutating func price(_ range: Range<Int>) -> Price {
        var numberProblem = NumberProblem.notANumber
        if let price = NumberParser.price(bytes, range, problem: &numberProblem) { return price }
        if !range.isEmpty && problem == nil { fail(self.numberProblem(numberProblem, range)) }
        return Price(units: 0, format: 0)
    }

    /// The next field as a whole number that must be there.
    @inline(__always)
    mutating func integer() -> Int {
        let range = field()
        if range.isEmpty { failEmpty() }
        return integer(range)
    }

    /// The next field as a whole number, `nil` if empty.
    @inline(__always)
    mutating func optionalInteger() -> Int? {
        let range = field()
        return range.isEmpty ? nil : integer(range)
    }

    /// `bytes[range]`, the field just taken, as a whole number of zero or more: every integer field on the feed is a
    /// size, volume, count or code (zero, with a problem recorded, if it is not one).
    @inline(__always)
    mutating func integer(_ range: Range<Int>) -> Int {
        var numberProblem = NumberProblem.notANumber
        if let value = NumberParser.integer(bytes, range, problem: &numberProblem) {
            if value >= 0 { return value }
            numberProblem = .negative
        }
        if !range.isEmpty && problem == nil { fail(self.numberProblem(numberProblem, range)) }
        return 0
    }

    /// The next field as an unsigned id, `nil` if empty.
    @inline(__always)
    mutating func optionalUnsigned() -> UInt64? {
        let range = field()
        guard !range.isEmpty else { return nil }
        var numberProblem = NumberProblem.notANumber
        if let value = NumberParser.unsigned(bytes, range, problem: &numberProblem) { return value }
        if problem == nil { fail(self.numberProblem(numberProblem, range)) }
        return nil
    }

    /// The next field as a side: `B`, `A` or `S`.
    @inline(__always)
    mutating func side() -> BookSide {
        let range = field()
        if range.count == 1, let side = BookSide(byte: bytes[range.lowerBound]) { return side }
        if problem == nil {
            fail(LineProblem("\(currentFieldLabel) is not B or A: \(LineProblem.quote(bytes, range))"))
        }
        return .bid
    }

    /// The next field as `T` or `F`, `nil` if empty.
    mutating func flag() -> Bool? {
        let range = field()
        if range.isEmpty { return nil }
        if range.count == 1 && bytes[range.lowerBound] == UInt8(ascii: "T") { return true }
        if range.count == 1 && bytes[range.lowerBound] == UInt8(ascii: "F") { return false }
        if problem == nil {
            fail(LineProblem("\(currentFieldLabel) is not T or F: \(LineProblem.quote(bytes, range))"))
        }
        return nil
    }

    /// Ends a fixed layout: whether one empty field (the trailing comma) follows the last named field. More fields
    /// are a problem.
    @inline(__always)
    mutating func finish() -> Bool {
        if isAtEnd { return false }
        if position == bytes.count {
            isAtEnd = true
            return true
        }
        var found = index - layoutStart
        while next() != nil { found += 1 }
        if bytes[bytes.count - 1] == UInt8(ascii: ",") { found -= 1 }
        fail(LineProblem("\(lineLabel) has \(found) fields after the type code; expected \(expectedFields)"))
        return false
    }

    /// Takes all remaining fields as raw values; a final empty field is the trailing comma.
    mutating func rest() -> (values: FieldValues, trailingComma: Bool) {
        guard !isAtEnd else { return (FieldValues(), false) }
        let start = position
        let end = bytes.count
        var count = 1
        for offset in start..<end where bytes[offset] == UInt8(ascii: ",") { count += 1 }
        var upper = end
        let trailingComma = start == end || bytes[end - 1] == UInt8(ascii: ",")
        if trailingComma {
            count -= 1
            upper = max(start, end - 1)
        }
        index += count + (trailingComma ? 1 : 0)
        position = end
        isAtEnd = true
        return (FieldValues(joined: string(start..<upper), count: count), trailingComma)
    }

    /// Takes the rest of the line, commas included, as one last field that must be there (a news headline); a final
    /// comma is the trailing comma.
    mutating func joinedRest() -> (text: String, trailingComma: Bool) {
        guard !isAtEnd else {
            if problem == nil { fail(tooFewFields()) }
            return ("", false)
        }
        let start = position
        let end = bytes.count
        let trailingComma = end > start && bytes[end - 1] == UInt8(ascii: ",")
        index += 1
        position = end
        isAtEnd = true
        return (string(start..<(trailingComma ? end - 1 : end)), trailingComma)
    }

    /// The problem for a line that ran out of fields before its layout did.
    func tooFewFields() -> LineProblem {
        LineProblem("\(lineLabel) has \(fieldsTaken) fields after the type code; expected \(expectedFields)")
    }

    /// Records that the field just taken is empty but must not be.
    mutating func failEmpty() {
        if problem == nil { fail(LineProblem("\(currentFieldLabel) is empty")) }
    }

    /// How many layout fields have been taken, not counting an empty last field after a trailing comma.
    var fieldsTaken: Int {
        let taken = index - layoutStart
        return isAtEnd && taken > 0 && bytes[bytes.count - 1] == UInt8(ascii: ",") ? taken - 1 : taken
    }

    /// The problem for a field that is not the number it should be.
    func numberProblem(_ problem: NumberProblem, _ range: Range<Int>) -> LineProblem {
        let what =
            switch problem {
            case .notANumber: "is not a number"
            case .notPlain: "is not a plain number (leading zero or -0)"
            case .tooManyDecimals: "has more than \(Price.maximumDecimals) decimal places"
            case .outOfRange: "is out of range"
            case .negative: "is negative"
            }
        return LineProblem("\(currentFieldLabel) \(what): \(LineProblem.quote(bytes, range))")
    }

    /// `field 5 (Price)`: the field just taken.
    var currentFieldLabel: String {
        let names = layout == .level1Values ? level1Names : layout.names
        let position = index - 1 - layoutStart
        return position >= 0 && position < names.count
            ? "field \(index - 1) (\(names[position]))" : "field \(index - 1)"
    }

    /// `'7' line`.
    private var lineLabel: String { "\(LineProblem.quote(bytes, typeCode)) line" }

    /// `8 (Symbol, Side, ...)`, or `at least 1 (Symbol)` for open-ended layouts.
    private var expectedFields: String {
        let names = layout.names
        guard !names.isEmpty else { return "none" }
        let count = layout.isOpenEnded ? "at least \(names.count)" : "\(names.count)"
        return "\(count) (\(names.joined(separator: ", ")))"
    }
}
