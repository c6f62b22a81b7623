import SystemSupport

/// The W3C trace context of one event: a trace id made of the run id and the event's `seq`, so every event of a
/// run has its own trace and a report can name it without storing it, and the span id of the source's span.
///
/// `traceparent` is `00-<32 hex trace id>-<16 hex span id>-01` (version 00, sampled).
public struct TraceContext: Sendable, Hashable {
    /// Identifies the run: the first 16 hex digits of every trace id of the run.
    public let runID: UInt64
    /// The event's sequence number: the last 16 hex digits of its trace id.
    public let seq: Int64

    /// The trace of event `seq` in run `runID`.
    public init(runID: UInt64, seq: Int64) {
        self.runID = runID
        self.seq = seq
    }

    /// The 32-hex-digit trace id.
    public var traceID: String {
        String(decoding: Self.hex(runID) + Self.hex(UInt64(bitPattern: seq)), as: UTF8.self)
    }

    /// The source span's id: a hash of the trace id, never zero.
    public var spanID: UInt64 {
        var generator = SplitMix64(seed: runID ^ UInt64(bitPattern: seq) &* 0x9E37_79B9_7F4A_7C15)
        return max(1, generator.next())
    }

    /// Length of a version-00 `traceparent` value.
    public static let traceparentLength = 55

    /// Writes the `traceparent` value into `buffer` (at least ``traceparentLength`` bytes) and returns its length.
    public func writeTraceparent(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        precondition(buffer.count >= Self.traceparentLength)
        var index = 0
        func put(_ byte: UInt8) {
            buffer[index] = byte
            index += 1
        }
        func putHex(_ value: UInt64) {
            for shift in stride(from: 60, through: 0, by: -4) {
                put(Self.hexDigits[Int((value >> UInt64(shift)) & 0xF)])
            }
        }
        put(UInt8(ascii: "0"))
        put(UInt8(ascii: "0"))
        put(UInt8(ascii: "-"))
        putHex(runID)
        putHex(UInt64(bitPattern: seq))
        put(UInt8(ascii: "-"))
        putHex(spanID)
        put(UInt8(ascii: "-"))
        put(UInt8(ascii: "0"))
        put(UInt8(ascii: "1"))
        return index
    }

    /// The `traceparent` value as text.
    public var traceparent: String {
        withUnsafeTemporaryAllocation(byteCount: Self.traceparentLength, alignment: 1) { buffer in
            let count = writeTraceparent(into: buffer)
            return String(decoding: UnsafeRawBufferPointer(rebasing: buffer[..<count]), as: UTF8.self)
        }
    }

    /// Reads a version-00 `traceparent`; `nil` if it is not one.
    public init?(traceparent bytes: UnsafeRawBufferPointer?) {
        guard let bytes, bytes.count == Self.traceparentLength, bytes[0] == UInt8(ascii: "0"),
            bytes[1] == UInt8(ascii: "0"), bytes[2] == UInt8(ascii: "-"), bytes[35] == UInt8(ascii: "-"),
            let runID = Self.parseHex(bytes, from: 3), let seq = Self.parseHex(bytes, from: 19)
        else { return nil }
        self.init(runID: runID, seq: Int64(bitPattern: seq))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func hex(_ value: UInt64) -> [UInt8] {
        (0..<16).map { hexDigits[Int((value >> UInt64(60 - 4 * $0)) & 0xF)] }
    }

    private static func parseHex(_ bytes: UnsafeRawBufferPointer, from start: Int) -> UInt64? {
        var value: UInt64 = 0
        for byte in bytes[start..<start + 16] {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            default: return nil
            }
            value = value << 4 | UInt64(digit)
        }
        return value
    }
}
