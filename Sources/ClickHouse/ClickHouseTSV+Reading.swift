extension ClickHouseTSV {
    /// Splits a `TabSeparated` answer into rows of unescaped fields; `\N` (ClickHouse's NULL) becomes `nil`.
    public static func rows(_ text: String) -> [[String?]] {
        var rows: [[String?]] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            rows.append(line.split(separator: "\t", omittingEmptySubsequences: false).map(unescape))
        }
        return rows
    }

    /// One field of `TabSeparated` output, unescaped; `nil` for `\N`.
    public static func unescape(_ field: Substring) -> String? {
        guard field != "\\N" else { return nil }
        guard field.contains("\\") else { return String(field) }
        var result: [UInt8] = []
        var escaping = false
        for byte in field.utf8 {
            if escaping {
                switch byte {
                case UInt8(ascii: "t"): result.append(UInt8(ascii: "\t"))
                case UInt8(ascii: "n"): result.append(UInt8(ascii: "\n"))
                case UInt8(ascii: "r"): result.append(UInt8(ascii: "\r"))
                case UInt8(ascii: "0"): result.append(0)
                case UInt8(ascii: "b"): result.append(0x08)
                case UInt8(ascii: "f"): result.append(0x0C)
                default: result.append(byte)
                }
                escaping = false
            } else if byte == UInt8(ascii: "\\") {
                escaping = true
            } else {
                result.append(byte)
            }
        }
        return String(decoding: result, as: UTF8.self)
    }
}
