import Capture
import Foundation
import MarketData
import Testing

@Suite("Streaming a large capture")
struct CaptureStreamingTests {
    static let count: Int64 = 1_000_000
    /// 1,000 distinct 60-to-70-byte lines, reused so that writing and checking a million events stays cheap.
    static let lines: [[UInt8]] = (0..<1_000).map {
        Array("Q,AAPL,190.\($0),\($0 * 7),190.\($0 + 1),14:30:01.\($0),C,8".utf8)
    }
    static let symbol = Array("AAPL".utf8)

    /// The resident set size of this process in bytes, from `/proc/self/statm`; `nil` where that does not exist.
    static func residentBytes() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else {
            return nil
        }
        let fields = text.split(separator: " ")
        return fields.count > 1 ? Int(fields[1]).map { $0 * 4_096 } : nil
    }

    /// Whether `bytes` equals `expected` (`memcmp`, quick in debug builds too).
    static func equal(_ bytes: UnsafeRawBufferPointer, _ expected: [UInt8]) -> Bool {
        bytes.count == expected.count
            && expected.withUnsafeBytes { memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 }
    }

    @Test("1,000,000 events stream in order with every value intact and without memory growth")
    func millionEvents() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/million.sqlite"
            let writer = try CaptureWriter(path: path, metadata: sampleMetadata())
            try Self.symbol.withUnsafeBytes { symbol in
                for seq in 1...Self.count {
                    try Self.lines[Int(seq % 1_000)].withUnsafeBytes { line in
                        _ = try writer.append(recvNs: seq * 10, port: .level1, symbolBytes: symbol, lineBytes: line)
                    }
                }
            }
            try writer.finish()
            let size = try #require(FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)

            let reader = try CaptureReader(path: path)
            let before = Self.residentBytes()
            var peak = before ?? 0
            var expectedSeq: Int64 = 1
            var mismatches = 0
            let seen = try reader.forEachEvent { event in
                let lineMatches = event.withLineBytes { Self.equal($0, Self.lines[Int(expectedSeq % 1_000)]) }
                let symbolMatches = event.withSymbolBytes { $0.map { Self.equal($0, Self.symbol) } ?? false }
                if event.seq != expectedSeq || event.recvNs != expectedSeq * 10 || event.port != .level1 || !lineMatches
                    || !symbolMatches
                {
                    mismatches += 1
                }
                if expectedSeq % 100_000 == 0, let resident = Self.residentBytes() {
                    peak = max(peak, resident)
                }
                expectedSeq += 1
            }
            #expect(seen == Int(Self.count))
            #expect(mismatches == 0)
            if let before {
                let growth = peak - before
                #expect(growth < size / 4, "resident memory grew by \(growth) bytes reading a \(size)-byte file")
            }
        }
    }
}
