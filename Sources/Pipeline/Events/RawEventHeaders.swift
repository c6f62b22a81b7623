/// The Kafka headers every raw line carries on `md.raw` (DESIGN.md, "Kafka"). Values are ASCII: decimal numbers
/// and a W3C `traceparent`, so `kcat -C -f '%h'` shows them as they are.
public enum RawEventHeaders {
    /// W3C trace context of the event: `00-<trace id>-<span id>-01`.
    public static let traceparent: StaticString = "traceparent"
    /// The capture or live sequence number, from 1.
    public static let seq: StaticString = "seq"
    /// When the source received (live) or emitted (replay) the line: Unix time in nanoseconds. This is the trace's
    /// "received" stamp.
    public static let recvNs: StaticString = "recv_ns"
    /// The IQFeed port the line came from (5009, 9200...).
    public static let port: StaticString = "port"
    /// How many headers a raw line carries.
    public static let count = 4

    /// Reads a decimal header value; `nil` if it is missing, empty, not all digits or too large.
    public static func decimal(_ bytes: UnsafeRawBufferPointer?) -> Int64? {
        guard let bytes, !bytes.isEmpty else { return nil }
        var negative = false
        var value: Int64 = 0
        for (index, byte) in bytes.enumerated() {
            if index == 0, byte == UInt8(ascii: "-") {
                negative = true
                continue
            }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = times10.addingReportingOverflow(Int64(byte - UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else { return nil }
            value = next
        }
        guard !(negative && bytes.count == 1) else { return nil }
        return negative ? -value : value
    }
}

extension RawEventHeaders {
    /// The names as `String`s, made once, for `KafkaMessageView.header(_:)` on every consumed message.
    static let seqName = seq.description
    static let recvNsName = recvNs.description
    static let portName = port.description
}
