import MarketData
import SystemSupport
import Testing

@Suite("A million random and mutated lines: no crash, every line accounted for")
struct FuzzTests {
    static let linesPerSeed = 250_000

    @Test("Valid, mutated and garbage lines", arguments: [1, 2, 3, 4] as [UInt64])
    func fuzz(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let templates = FuzzTemplate.pool(&random)
        var parser = FeedParser()
        var line = [UInt8]()
        line.reserveCapacity(512)
        var encoded = [UInt8]()
        encoded.reserveCapacity(512)
        var counts = FuzzCounts()

        for index in 0..<Self.linesPerSeed {
            let template = templates[random.below(templates.count)]
            line.removeAll(keepingCapacity: true)
            line.append(contentsOf: template.bytes)
            let mutation = Mutation.apply(to: &line, template: template, &random)
            let message = line.withUnsafeBufferPointer { parser.parse($0, port: template.port) }
            // Comparing bytes is slow in a debug build: check every 8th line's text, every line's outcome.
            let compareText = index % 8 == 0
            if case .bad(let bad) = message {
                counts.bad += 1
                if mutation.expectation == .good { counts.goodParsedBad += 1 }
                if compareText && !Mutation.sameLine(bad.bytes, Mutation.stripLineEnd(line)) {
                    counts.badLinesAltered += 1
                }
            } else {
                counts.parsed += 1
                if mutation.expectation == .bad { counts.badParsedGood += 1 }
                if compareText {
                    encoded.removeAll(keepingCapacity: true)
                    message.encode(into: &encoded)
                    if !Mutation.sameLine(encoded, Mutation.stripLineEnd(line)) { counts.roundTripFailures += 1 }
                }
            }
            counts.byMutation[mutation.kind.rawValue] += 1
            if case .system(let system) = message, system.level1FieldList != nil { parser = FeedParser() }
        }

        #expect(counts.parsed + counts.bad == Self.linesPerSeed)
        #expect(counts.goodParsedBad == 0)
        #expect(counts.badParsedGood == 0)
        #expect(counts.roundTripFailures == 0)
        #expect(counts.badLinesAltered == 0)
        #expect(counts.byMutation.allSatisfy { $0 > Self.linesPerSeed / 40 }, "\(counts.byMutation)")
        #expect(counts.parsed > Self.linesPerSeed / 4 && counts.bad > Self.linesPerSeed / 4, "\(counts)")
    }
}

struct FuzzCounts {
    var parsed = 0
    var bad = 0
    var goodParsedBad = 0
    var badParsedGood = 0
    var roundTripFailures = 0
    var badLinesAltered = 0
    var byMutation = [Int](repeating: 0, count: Mutation.Kind.count)
}

/// A valid line and what is known about its layout, so some mutations are known to make it bad.
struct FuzzTemplate {
    let port: FeedPort
    let bytes: [UInt8]
    /// Fields (type code included) the line needs; cutting it shorter makes it bad.
    var requiredFields: Int?
    /// A field that must be a number when not empty.
    var numericField: Int?
    /// A fixed layout ending with a trailing comma: one more comma anywhere makes it bad.
    var fixedWithTrailingComma = false
    /// Where the commas are.
    let commaOffsets: [Int]

    /// The IQFEED.md examples and generated Level 1 and Level 2 lines.
    static func pool(_ random: inout SplitMix64) -> [FuzzTemplate] {
        var pool = IQFeedExamples.all.map { FuzzTemplate(port: $0.port, line: $0.line) }
        let symbols = ["AAPL", "MSFT", "@ESZ24", "SPY", "QQQ", "TSLA", "NVDA", "@NQH25", "BRK.B", "EURUSD.FXCM"]
        for _ in 0..<400 {
            let symbol = symbols[random.below(symbols.count)]
            let price = "\(100 + random.below(400)).\(random.below(100))"
            let size = "\(1 + random.below(500))"
            let time =
                "\(10 + random.below(6)):\(10 + random.below(50)):\(10 + random.below(50)).\(random.below(999_999))"
            let side = random.below(2) == 0 ? "B" : "A"
            let lines = [
                "Q,\(symbol),\(price),\(size),\(time),11,\(random.below(9_999_999)),\(price),\(size),\(price),\(size),"
                    + ",,,,ba,3D,",
                "7,\(symbol),\(side),\(price),\(size),\(random.below(20)),2,\(time),2024-05-10,",
                "8,\(symbol),\(side),\(price),\(size),\(random.below(20)),2,\(time),2024-05-10,",
                "9,\(symbol),\(side),\(price),\(time),2024-05-10,",
                "3,\(symbol),\(random.below(1_000_000_000)),,\(side),\(price),\(size),\(random.below(99)),2,\(time),2024-05-10,",
                "5,\(symbol),\(random.below(1_000_000_000)),,\(side),\(time),2024-05-10,",
            ]
            pool += lines.map { FuzzTemplate(port: $0.hasPrefix("Q") ? .level1 : .level2, line: $0) }
        }
        return pool
    }

    init(port: FeedPort, line: String) {
        self.port = port
        let bytes = Array(line.utf8)
        self.bytes = bytes
        self.commaOffsets = bytes.indices.filter { bytes[$0] == UInt8(ascii: ",") }
        let type = line.prefix { $0 != "," }
        let endsWithComma = line.hasSuffix(",")
        let fixed: (fields: Int, numeric: Int?)? =
            switch (port, type) {
            case (.level1, "Q"), (.level1, "P"): nil
            case (.level2, "7"), (.level2, "8"): (9, 3)
            case (.level2, "9"): (6, 3)
            case (.level2, "3"), (.level2, "4"), (.level2, "6"), (.level2, "0"): (11, 5)
            case (.level2, "5"): (7, 2)
            case (.level2, "Z"), (.level2, "2"): (14, 5)
            case (.level1, "R"): (12, 4)
            case (.level1, "C"): (11, 7)
            default: nil
            }
        if type == "Q" || type == "P" {
            requiredFields = 17
            numericField = 7
        } else if let fixed {
            requiredFields = fixed.fields
            numericField = fixed.numeric
            fixedWithTrailingComma = endsWithComma
        }
    }
}

/// One way of damaging a line, and whether the result is known to be good, known to be bad, or either.
struct Mutation {
    enum Kind: Int, CaseIterable {
        case none, lineEnding, truncate, flipByte, insertComma, invalidUTF8, tooFewFields, notANumber, unknownType
        case garbage

        static let count = allCases.count
    }

    enum Expectation { case good, bad, either }

    let kind: Kind
    let expectation: Expectation

    static let neverUTF8: [UInt8] = [0xFF, 0xC0, 0xF5, 0xFE]
    static let notNumbers = ["abc", "1.2.3", "--1", "1e5", "0x10", "12a", "-", " 1"].map { Array($0.utf8) }
    static let unknownTypes = ["X", "#", "QQ", "ZZ", "!", "77", "s"].map { Array($0.utf8) }

    static func apply(to line: inout [UInt8], template: FuzzTemplate, _ random: inout SplitMix64) -> Mutation {
        let kind = Kind(rawValue: random.below(Kind.count))!
        switch kind {
        case .none:
            return Mutation(kind: kind, expectation: .good)
        case .lineEnding:
            line.append(contentsOf: random.below(2) == 0 ? [0x0D] : [0x0D, 0x0A])
            return Mutation(kind: kind, expectation: .good)
        case .truncate:
            line.removeLast(random.below(line.count + 1))
            return Mutation(kind: kind, expectation: .either)
        case .flipByte:
            line[random.below(line.count)] = UInt8(truncatingIfNeeded: random.next())
            return Mutation(kind: kind, expectation: .either)
        case .insertComma:
            line.insert(UInt8(ascii: ","), at: random.below(line.count + 1))
            return Mutation(kind: kind, expectation: template.fixedWithTrailingComma ? .bad : .either)
        case .invalidUTF8:
            let position = random.below(line.count + 1)
            line.insert(neverUTF8[random.below(neverUTF8.count)], at: position)
            for _ in 0..<random.below(3) {
                line.insert(UInt8(truncatingIfNeeded: random.next()), at: random.below(line.count + 1))
            }
            return Mutation(kind: kind, expectation: .bad)
        case .tooFewFields:
            guard let required = template.requiredFields else {
                line.removeLast(random.below(line.count + 1))
                return Mutation(kind: kind, expectation: .either)
            }
            // Keep 1 to required - 1 fields: cut at the comma that ends field number `kept`.
            let kept = 1 + random.below(required - 1)
            line.removeSubrange(template.commaOffsets[kept - 1]...)
            return Mutation(kind: kind, expectation: .bad)
        case .notANumber:
            guard let field = template.numericField else {
                line.insert(UInt8(truncatingIfNeeded: random.next()), at: random.below(line.count + 1))
                return Mutation(kind: kind, expectation: .either)
            }
            replaceField(field, in: &line, with: notNumbers[random.below(notNumbers.count)])
            return Mutation(kind: kind, expectation: .bad)
        case .unknownType:
            replaceField(0, in: &line, with: unknownTypes[random.below(unknownTypes.count)])
            return Mutation(kind: kind, expectation: template.port == .lookup ? .either : .bad)
        case .garbage:
            line.removeAll(keepingCapacity: true)
            for _ in 0..<random.below(100) {
                // Mostly printable, with commas and the odd high byte.
                let value = random.next()
                line.append(
                    value % 7 == 0
                        ? UInt8(ascii: ",")
                        : value % 31 == 0 ? UInt8(truncatingIfNeeded: value >> 8) : 0x20 + UInt8(value % 95)
                )
            }
            return Mutation(kind: kind, expectation: .either)
        }
    }

    /// Replaces split field `index` of `line` with `text`.
    static func replaceField(_ index: Int, in line: inout [UInt8], with text: [UInt8]) {
        var start = 0
        for _ in 0..<index {
            guard let comma = line[start...].firstIndex(of: UInt8(ascii: ",")) else { return }
            start = comma + 1
        }
        let end = line[start...].firstIndex(of: UInt8(ascii: ",")) ?? line.count
        line.replaceSubrange(start..<end, with: text)
    }

    /// The line without the `\n`, `\r\n` or `\r` the parser ignores.
    static func stripLineEnd(_ line: [UInt8]) -> ArraySlice<UInt8> {
        var end = line.count
        if end > 0 && line[end - 1] == 0x0A { end -= 1 }
        if end > 0 && line[end - 1] == 0x0D { end -= 1 }
        return line[..<end]
    }

    /// Whether an encoded line equals the input, allowing only a side written `S` to come back as `A`. A plain loop:
    /// generic algorithms are slow in debug builds.
    static func sameLine(_ encoded: [UInt8], _ input: ArraySlice<UInt8>) -> Bool {
        guard encoded.count == input.count else { return false }
        var offset = input.startIndex
        for byte in encoded {
            let original = input[offset]
            if byte != original && !(byte == UInt8(ascii: "A") && original == UInt8(ascii: "S")) { return false }
            offset += 1
        }
        return true
    }
}
