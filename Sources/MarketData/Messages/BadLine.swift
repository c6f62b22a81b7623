/// A line the codec could not read: an unknown type, a wrong field count, a price that is not a number, bytes that
/// are not UTF-8. Nothing is dropped: the line, its port and the reason travel on, so they can be counted and shown.
public struct BadLine: Sendable, Hashable, CustomStringConvertible {
    /// The line exactly as received, without the `\r\n` or `\n` that ended it.
    public let bytes: [UInt8]
    /// The port the line came from.
    public let port: FeedPort
    /// Why the line is bad, e.g. `field 5 (Price) is not a number: 'abc'`.
    public let reason: String

    /// A bad line with its reason.
    public init(bytes: [UInt8], port: FeedPort, reason: String) {
        self.bytes = bytes
        self.port = port
        self.reason = reason
    }

    /// The line as text; bytes that are not UTF-8 show as U+FFFD.
    public var line: String { String(decoding: bytes, as: UTF8.self) }

    /// `bad line on level1 (5009): <reason>: <line>`.
    public var description: String { "bad line on \(port): \(reason): \(line)" }
}
