/// A price as an exact decimal: a whole number of 10⁻⁸ units, never a floating-point number.
///
/// Equality, hashing and ordering use the value only, so `585.33` and `585.3300` are the same book key. A price also
/// remembers how it was written (its decimal places, or a bare trailing point as in `2938.`), so the codec writes back
/// exactly the text it read.
///
/// The text form is `-?(0|[1-9][0-9]*)(\.[0-9]*)?` with at most ``maximumDecimals`` decimal places; the feed never
/// writes leading zeros, a leading `+`, `-0` or a point without a digit before it, and the parser reports them as bad
/// lines rather than write back different text.
public struct Price: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Units per whole currency unit: a price is exact to 8 decimal places.
    public static let unitsPerWhole: Int64 = 100_000_000
    /// The most decimal places a price can have.
    public static let maximumDecimals = 8

    /// The value in 10⁻⁸ units: `585.33` is `58_533_000_000`.
    public let units: Int64
    /// Decimals in the low 4 bits; bit 4 set for a point with no digits after it (`2938.`).
    let format: UInt8

    /// A price written with `decimals` decimal places, whose value is `mantissa` × 10^-`decimals`.
    ///
    /// LOBSTER's `5853300` in 1/10,000 dollars is `Price(mantissa: 5_853_300, decimals: 4)`, written `585.3300`.
    /// - Precondition: `decimals` is in `0...8` and the value fits (about ±92 billion).
    public init(mantissa: Int64, decimals: Int) {
        precondition(
            (0...Self.maximumDecimals).contains(decimals),
            "a price has 0 to 8 decimal places, not \(decimals)"
        )
        let (units, overflow) = mantissa.multipliedReportingOverflow(by: powerOfTen(Self.maximumDecimals - decimals))
        precondition(!overflow, "price \(mantissa)e-\(decimals) is too large for 10⁻⁸ units in an Int64")
        self.init(units: units, format: UInt8(decimals))
    }

    init(units: Int64, format: UInt8) {
        self.units = units
        self.format = format
    }

    /// Parses a price as the feed writes it (`322.7500`, `2938.`, `0.0000`, `-1.5`); `nil` if the text is not one.
    public init?(_ text: some StringProtocol) {
        var copy = String(text)
        var problem = NumberProblem.notANumber
        guard let price = copy.withUTF8({ NumberParser.price($0, 0..<$0.count, problem: &problem) }) else { return nil }
        self = price
    }

    /// Decimal places shown when the price is written: as read, or as built.
    public var decimals: Int { Int(format & 0x0F) }

    /// Whether the price was written with a point and no digits after it, as in `2938.`.
    var hasBarePoint: Bool { format & 0x10 != 0 }

    /// The value as a `Double`, for statistics only: books and comparisons use ``units``.
    public var doubleValue: Double { Double(units) / Double(Self.unitsPerWhole) }

    /// The price as written: `585.3300`, `2938.`.
    public var description: String {
        var bytes = [UInt8]()
        bytes.reserveCapacity(24)
        append(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the written form to `bytes`.
    func append(to bytes: inout [UInt8]) {
        if units < 0 { bytes.append(UInt8(ascii: "-")) }
        let magnitude = units.magnitude
        let whole = magnitude / UInt64(Self.unitsPerWhole)
        let fraction = magnitude % UInt64(Self.unitsPerWhole)
        appendDigits(whole, minimumCount: 1, to: &bytes)
        let decimals = self.decimals
        if decimals > 0 {
            bytes.append(UInt8(ascii: "."))
            let shown = fraction / UInt64(powerOfTen(Self.maximumDecimals - decimals))
            appendDigits(shown, minimumCount: decimals, to: &bytes)
        } else if hasBarePoint {
            bytes.append(UInt8(ascii: "."))
        }
    }

    /// Equal values are equal prices, however they were written.
    public static func == (lhs: Price, rhs: Price) -> Bool { lhs.units == rhs.units }

    /// Orders by value.
    public static func < (lhs: Price, rhs: Price) -> Bool { lhs.units < rhs.units }

    /// Hashes the value only, so `585.33` and `585.3300` are one key.
    public func hash(into hasher: inout Hasher) { hasher.combine(units) }
}

/// Appends the decimal digits of `value`, left-padded with zeros to `minimumCount` digits.
func appendDigits(_ value: UInt64, minimumCount: Int, to bytes: inout [UInt8]) {
    let start = bytes.count
    var rest = value
    repeat {
        bytes.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10))
        rest /= 10
    } while rest > 0
    while bytes.count - start < minimumCount { bytes.append(UInt8(ascii: "0")) }
    bytes[start...].reverse()
}
