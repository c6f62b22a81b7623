/// Why a line is bad, as the sentence ``BadLine/reason`` carries.
///
/// Made only on the error path, so building the sentence there costs the hot path nothing.
struct LineProblem {
    let reason: String

    init(_ reason: String) {
        self.reason = reason
    }

    /// `bytes[range]` for a reason: quoted, non-printable bytes as `\xNN`, cut after 40 bytes.
    static func quote(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        var text = "'"
        for index in range.prefix(40) {
            let byte = bytes[index]
            if byte >= 0x20 && byte < 0x7F {
                text.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                text += "\\x" + hex(byte)
            }
        }
        text += range.count > 40 ? "'…" : "'"
        return text
    }

    /// Two uppercase hex digits.
    static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        return String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]], as: UTF8.self)
    }
}
