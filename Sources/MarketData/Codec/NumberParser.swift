/// Why a field that should hold a number does not.
enum NumberProblem {
    /// Not digits with an optional sign and point.
    case notANumber
    /// A number the feed never writes this way (leading zero, `-0`); writing it back would change the text.
    case notPlain
    /// More decimal places than ``Price/maximumDecimals``.
    case tooManyDecimals
    /// Too large for the type.
    case outOfRange
    /// Below zero where only counts belong (sizes, volumes, order counts, codes).
    case negative
}

/// Number parsing straight from line bytes, with no intermediate `String`. Each parser returns `nil` and sets
/// `problem` when the text is not a number of its kind.
enum NumberParser {
    /// The largest whole part a ``Price`` can hold: `Int64.max / 10⁸`.
    private static let maximumWhole: UInt64 = 92_233_720_368

    /// Parses `bytes[range]` as a ``Price``.
    @inline(__always)
    static func price(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, problem: inout NumberProblem) -> Price?
    {
        var index = range.lowerBound
        let end = range.upperBound
        guard index < end else { return fail(.notANumber, &problem) }
        let negative = bytes[index] == UInt8(ascii: "-")
        if negative { index &+= 1 }
        let wholeStart = index
        var whole: UInt64 = 0
        // Wrapping arithmetic: too many digits are rejected by their count below.
        while index < end {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10 else { break }
            whole = whole &* 10 &+ UInt64(digit)
            index &+= 1
        }
        let wholeDigits = index &- wholeStart
        guard wholeDigits > 0 else { return fail(.notANumber, &problem) }
        if wholeDigits > 1 && bytes[wholeStart] == UInt8(ascii: "0") { return fail(.notPlain, &problem) }
        guard wholeDigits <= 11 && whole <= maximumWhole else { return fail(.outOfRange, &problem) }
        var fraction: UInt64 = 0
        var decimals = 0
        var format: UInt8 = 0
        if index < end {
            guard bytes[index] == UInt8(ascii: ".") else { return fail(.notANumber, &problem) }
            index &+= 1
            let fractionStart = index
            while index < end {
                let digit = bytes[index] &- UInt8(ascii: "0")
                guard digit < 10 else { return fail(.notANumber, &problem) }
                fraction = fraction &* 10 &+ UInt64(digit)
                index &+= 1
            }
            decimals = index &- fractionStart
            guard decimals <= Price.maximumDecimals else { return fail(.tooManyDecimals, &problem) }
            format = decimals == 0 ? 0x10 : UInt8(truncatingIfNeeded: decimals)
        }
        let (magnitude, overflow) = (whole &* 100_000_000).addingReportingOverflow(
            fraction &* UInt64(powerOfTen(8 &- decimals))
        )
        guard !overflow && magnitude <= UInt64(Int64.max) else { return fail(.outOfRange, &problem) }
        if negative && magnitude == 0 { return fail(.notPlain, &problem) }
        let units = Int64(truncatingIfNeeded: magnitude)
        return Price(units: negative ? -units : units, format: format)
    }

    /// Parses `bytes[range]` as a plain whole number (`0`, `42`, `-7`).
    @inline(__always)
    static func integer(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, problem: inout NumberProblem) -> Int?
    {
        guard !range.isEmpty else { return fail(.notANumber, &problem) }
        let negative = bytes[range.lowerBound] == UInt8(ascii: "-")
        let digits = negative ? range.lowerBound + 1..<range.upperBound : range
        guard let magnitude = unsigned(bytes, digits, problem: &problem) else { return nil }
        guard magnitude <= UInt64(Int.max) else { return fail(.outOfRange, &problem) }
        if negative && magnitude == 0 { return fail(.notPlain, &problem) }
        return negative ? -Int(magnitude) : Int(magnitude)
    }

    /// Parses `bytes[range]` as a plain unsigned whole number (no sign, no leading zero).
    @inline(__always)
    static func unsigned(
        _ bytes: UnsafeBufferPointer<UInt8>,
        _ range: Range<Int>,
        problem: inout NumberProblem
    ) -> UInt64? {
        guard !range.isEmpty else { return fail(.notANumber, &problem) }
        var value: UInt64 = 0
        // Up to 19 digits cannot overflow; 20 may, so they take the checked path.
        if range.count < 20 {
            for index in range {
                let digit = bytes[index] &- UInt8(ascii: "0")
                guard digit < 10 else { return fail(.notANumber, &problem) }
                value = value &* 10 &+ UInt64(digit)
            }
        } else {
            for index in range {
                let digit = bytes[index] &- UInt8(ascii: "0")
                guard digit < 10 else { return fail(.notANumber, &problem) }
                let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times10.addingReportingOverflow(UInt64(digit))
                guard !overflow1 && !overflow2 else { return fail(.outOfRange, &problem) }
                value = sum
            }
        }
        if range.count > 1 && bytes[range.lowerBound] == UInt8(ascii: "0") { return fail(.notPlain, &problem) }
        return value
    }

    /// Sets `problem` and returns `nil`.
    @inline(__always)
    private static func fail<Value>(_ found: NumberProblem, _ problem: inout NumberProblem) -> Value? {
        problem = found
        return nil
    }
}

/// 10^`exponent` for `exponent` in `0...18`.
@inline(__always)
func powerOfTen(_ exponent: Int) -> Int64 {
    switch exponent {
    case 0: 1
    case 1: 10
    case 2: 100
    case 3: 1_000
    case 4: 10_000
    case 5: 100_000
    case 6: 1_000_000
    case 7: 10_000_000
    case 8: 100_000_000
    case 9: 1_000_000_000
    case 10: 10_000_000_000
    case 11: 100_000_000_000
    case 12: 1_000_000_000_000
    case 13: 10_000_000_000_000
    case 14: 100_000_000_000_000
    case 15: 1_000_000_000_000_000
    case 16: 10_000_000_000_000_000
    case 17: 100_000_000_000_000_000
    default: 1_000_000_000_000_000_000
    }
}
