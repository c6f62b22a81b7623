import Capture
import Foundation
import Testing

@Suite("Damaged captures fail with a clear error, never a crash or a silently short read")
struct CaptureDamageTests {
    static let count: Int64 = 150_000

    /// Runs `body` with the path of a finished multi-MB capture of `Samples.event(1...count)` and its size.
    func withCapture(_ body: (String, Int) throws -> Void) throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/big.sqlite"
            try Samples.writeCapture(at: path, count: Self.count)
            let size = try #require(FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
            #expect(size > 5_000_000)
            try body(path, size)
        }
    }

    /// Opens `path` and streams every event, as a replay would.
    func readEverything(_ path: String) throws -> Int {
        try CaptureReader(path: path).forEachEvent { _ in }
    }

    /// Checks that opening and streaming `path`, and each summary query, throws `.damaged` naming the path.
    func expectDamaged(_ path: String) throws {
        let error = try #require(throws: CaptureError.self) { try readEverything(path) }
        #expect(error.kind == .damaged, "\(error)")
        #expect(error.description.hasPrefix("capture \(path) is damaged ("))
        #expect(error.description.hasSuffix("restore it from a copy or record it again."))
        guard let reader = try? CaptureReader(path: path) else {
            return
        }
        let count = try #require(throws: CaptureError.self) { try reader.eventCount() }
        #expect(count.kind == .damaged)
        let integrity = try #require(throws: CaptureError.self) { try reader.checkIntegrity() }
        #expect(integrity.kind == .damaged)
    }

    @Test("bytes cut off the end", arguments: [1, 4_096, 100_123, 0])
    func truncated(cut: Int) throws {
        try withCapture { path, size in
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            try handle.truncate(atOffset: UInt64(cut == 0 ? size / 2 : size - cut))
            try handle.close()
            try expectDamaged(path)
        }
    }

    @Test("a page of zeros in the middle")
    func zeroedPage() throws {
        try withCapture { path, size in
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            try handle.seek(toOffset: UInt64(size / 2 / 4_096 * 4_096))
            try handle.write(contentsOf: Data(count: 4_096))
            try handle.close()
            let reader = try CaptureReader(path: path)
            #expect(try reader.seqRange() == 1...Self.count, "the ends are intact")
            try expectDamaged(path)
        }
    }

    @Test("an intact capture passes the integrity check")
    func intact() throws {
        try withCapture { path, _ in
            let reader = try CaptureReader(path: path)
            try reader.checkIntegrity()
            #expect(try readEverything(path) == Int(Self.count))
        }
    }
}
