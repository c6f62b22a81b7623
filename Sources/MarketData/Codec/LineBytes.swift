/// Building a line from typed fields: the encoder's only primitives.
extension [UInt8] {
    /// Appends text with no separator (a type code, a request id).
    mutating func appendText(_ text: some StringProtocol) {
        append(contentsOf: text.utf8)
    }

    /// Appends `,` and the text.
    mutating func appendField(_ text: some StringProtocol) {
        append(UInt8(ascii: ","))
        append(contentsOf: text.utf8)
    }

    /// Appends `,` and the price as written; just `,` for `nil`.
    mutating func appendField(_ price: Price?) {
        append(UInt8(ascii: ","))
        price?.append(to: &self)
    }

    /// Appends `,` and the number; just `,` for `nil`.
    mutating func appendField(_ number: Int?) {
        append(UInt8(ascii: ","))
        guard let number else { return }
        if number < 0 { append(UInt8(ascii: "-")) }
        appendDigits(UInt64(number.magnitude), minimumCount: 1, to: &self)
    }

    /// Appends `,` and the number; just `,` for `nil`.
    mutating func appendField(_ number: UInt64?) {
        append(UInt8(ascii: ","))
        guard let number else { return }
        appendDigits(number, minimumCount: 1, to: &self)
    }

    /// Appends `,` and `B` or `A`.
    mutating func appendField(_ side: BookSide) {
        append(UInt8(ascii: ","))
        append(side.byte)
    }

    /// Appends `,` and `T` or `F`; just `,` for `nil`.
    mutating func appendField(_ flag: Bool?) {
        append(UInt8(ascii: ","))
        guard let flag else { return }
        append(flag ? UInt8(ascii: "T") : UInt8(ascii: "F"))
    }

    /// Appends `,` and each value (nothing for no values).
    mutating func appendFields(_ values: FieldValues) {
        guard values.count > 0 else { return }
        append(UInt8(ascii: ","))
        append(contentsOf: values.joined.utf8)
    }

    /// Ends the line with the trailing comma most feed lines carry, if it had one.
    mutating func appendEnd(trailingComma: Bool) {
        if trailingComma { append(UInt8(ascii: ",")) }
    }
}
