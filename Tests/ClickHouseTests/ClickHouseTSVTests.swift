import ClickHouse
import Testing

@Suite("TabSeparated fields")
struct ClickHouseTSVTests {
    private func escaped(_ field: String) -> String {
        var buffer: [UInt8] = []
        ClickHouseTSV.appendEscaped(field, to: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }

    @Test("backslash, tab, newline, CR, NUL, backspace and form feed are escaped; everything else is copied")
    func escaping() {
        #expect(escaped("plain") == "plain")
        #expect(escaped("") == "")
        #expect(escaped("a\tb\nc\\d") == #"a\tb\nc\\d"#)
        #expect(escaped("\r\u{0}\u{8}\u{C}") == #"\r\0\b\f"#)
        #expect(escaped("\t") == #"\t"#)
        #expect(escaped("x, 'y' \"z\" Ünïcødé 📈") == "x, 'y' \"z\" Ünïcødé 📈")
    }

    @Test("fields append after what the buffer holds")
    func appends() {
        var buffer = Array("AAPL".utf8)
        buffer.append(ClickHouseTSV.fieldSeparator)
        ClickHouseTSV.appendEscaped("a\tb", to: &buffer)
        buffer.append(ClickHouseTSV.fieldSeparator)
        ClickHouseTSV.appendInteger(42, to: &buffer)
        buffer.append(ClickHouseTSV.rowTerminator)
        #expect(String(decoding: buffer, as: UTF8.self) == "AAPL\ta\\tb\t42\n")
    }

    @Test("integers are written in decimal, including the extremes")
    func integers() {
        func written(_ value: some FixedWidthInteger) -> String {
            var buffer: [UInt8] = []
            ClickHouseTSV.appendInteger(value, to: &buffer)
            return String(decoding: buffer, as: UTF8.self)
        }
        #expect(written(0) == "0")
        #expect(written(7 as UInt8) == "7")
        #expect(written(UInt8.max) == "255")
        #expect(written(Int8.min) == "-128")
        #expect(written(-1) == "-1")
        #expect(written(Int64.min) == "-9223372036854775808")
        #expect(written(UInt64.max) == "18446744073709551615")
        #expect(written(Int64.max) == String(Int64.max))
    }
}
