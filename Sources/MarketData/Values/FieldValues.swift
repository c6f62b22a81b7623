/// Raw field values of a line, kept as the text they were written in: a variable-length tail such as the values of
/// a `Q` line, the fields of an `S,STATS` line or a lookup `LH` row.
///
/// The values are stored joined by commas, so holding them costs one string however many there are; ``subscript(_:)``
/// finds a value by scanning. No value contains a comma.
public struct FieldValues: Sendable, Hashable, Sequence, CustomStringConvertible {
    /// The values joined with `,`.
    public let joined: String
    /// How many values there are (an empty `joined` is one empty value when `count` is 1, none when it is 0).
    public let count: Int

    /// No values.
    public init() {
        self.joined = ""
        self.count = 0
    }

    /// The given values, none of which may contain a comma.
    /// - Precondition: no value contains `,`.
    public init(_ values: some Sequence<some StringProtocol>) {
        var joined = ""
        var count = 0
        for value in values {
            precondition(!value.utf8.contains(UInt8(ascii: ",")), "a field value cannot contain a comma: \(value)")
            if count > 0 { joined += "," }
            joined += value
            count += 1
        }
        self.joined = joined
        self.count = count
    }

    /// Values already joined by commas, `count` of them.
    init(joined: String, count: Int) {
        self.joined = joined
        self.count = count
    }

    /// Whether there are no values.
    public var isEmpty: Bool { count == 0 }

    /// The value at `index`, which must be less than ``count``.
    public subscript(_ index: Int) -> Substring {
        precondition(index >= 0 && index < count, "field value \(index) is out of range 0..<\(count)")
        var start = joined.startIndex
        var remaining = index
        let utf8 = joined.utf8
        while remaining > 0 {
            start = utf8.index(after: utf8.firstIndex(of: UInt8(ascii: ","), after: start))
            remaining -= 1
        }
        let end = utf8[start...].firstIndex(of: UInt8(ascii: ",")) ?? joined.endIndex
        return joined[start..<end]
    }

    /// The value at `index`, or `nil` if there are not that many values.
    public func value(at index: Int) -> Substring? {
        index >= 0 && index < count ? self[index] : nil
    }

    /// The values in order.
    public func makeIterator() -> Iterator {
        Iterator(joined: joined, remaining: count)
    }

    /// The values joined by commas.
    public var description: String { joined }

    /// Iterates the values of a ``FieldValues``.
    public struct Iterator: IteratorProtocol {
        private let joined: String
        private var position: String.Index
        private var remaining: Int

        init(joined: String, remaining: Int) {
            self.joined = joined
            self.position = joined.startIndex
            self.remaining = remaining
        }

        /// The next value, or `nil` after the last.
        public mutating func next() -> Substring? {
            guard remaining > 0 else { return nil }
            remaining -= 1
            let end = joined.utf8[position...].firstIndex(of: UInt8(ascii: ",")) ?? joined.endIndex
            defer { position = end < joined.endIndex ? joined.utf8.index(after: end) : end }
            return joined[position..<end]
        }
    }
}

extension String.UTF8View {
    /// The first index of `byte` at or after `start`; the end index if there is none.
    fileprivate func firstIndex(of byte: UInt8, after start: String.Index) -> String.Index {
        self[start...].firstIndex(of: byte) ?? endIndex
    }
}
