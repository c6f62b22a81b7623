/// Writing ClickHouse's `TabSeparated` format straight into a byte buffer, for sinks that build the body of an
/// `INSERT … FORMAT TabSeparated` (see ``ClickHouseClient/insert(_:body:)-(_,[UInt8])``) without a `String` per
/// field: fields are separated by ``fieldSeparator`` and every row ends with ``rowTerminator``.
public enum ClickHouseTSV {
    /// The byte between two fields of a row: a tab.
    public static let fieldSeparator = UInt8(ascii: "\t")
    /// The byte after the last field of a row: a newline.
    public static let rowTerminator = UInt8(ascii: "\n")

    /// Appends the UTF-8 bytes of `field` to `buffer`, escaped for a `String` field of `TabSeparated`.
    ///
    /// Backslash, tab, newline, carriage return, NUL, backspace and form feed become `\\`, `\t`, `\n`, `\r`,
    /// `\0`, `\b` and `\f`, as ClickHouse writes them itself; every other byte (commas, quotes, any Unicode) is
    /// copied as it is.
    public static func appendEscaped(_ field: String, to buffer: inout [UInt8]) {
        var field = field
        // `withUTF8` lends a native string's own storage: no copy, no allocation.
        field.withUTF8 { appendEscaped(UnsafeRawBufferPointer($0), to: &buffer) }
    }

    /// Appends `bytes` (UTF-8 text) to `buffer`, escaped as ``appendEscaped(_:to:)-(String,_)`` describes.
    public static func appendEscaped(_ bytes: UnsafeRawBufferPointer, to buffer: inout [UInt8]) {
        var copied = 0
        for index in bytes.indices {
            let escape: UInt8
            switch bytes[index] {
            case UInt8(ascii: "\\"): escape = UInt8(ascii: "\\")
            case UInt8(ascii: "\t"): escape = UInt8(ascii: "t")
            case UInt8(ascii: "\n"): escape = UInt8(ascii: "n")
            case UInt8(ascii: "\r"): escape = UInt8(ascii: "r")
            case 0x00: escape = UInt8(ascii: "0")
            case 0x08: escape = UInt8(ascii: "b")
            case 0x0C: escape = UInt8(ascii: "f")
            default: continue
            }
            buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[copied..<index]))
            buffer.append(UInt8(ascii: "\\"))
            buffer.append(escape)
            copied = index + 1
        }
        buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[copied...]))
    }

    /// Appends the decimal digits of `value`, with a leading `-` when it is negative, for integer fields.
    public static func appendInteger<Integer: FixedWidthInteger>(_ value: Integer, to buffer: inout [UInt8]) {
        if value < 0 {
            buffer.append(UInt8(ascii: "-"))
        }
        var magnitude = value.magnitude
        // An n-bit magnitude has at most n × log10(2) < n / 3 + 1 digits.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Integer.bitWidth / 3 + 1) { digits in
            var first = digits.count
            repeat {
                let (quotient, remainder) = magnitude.quotientAndRemainder(dividingBy: 10)
                first -= 1
                digits[first] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: remainder)
                magnitude = quotient
            } while magnitude != 0
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: digits[first...]))
        }
    }
}
