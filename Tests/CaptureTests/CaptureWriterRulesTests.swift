import Capture
import Foundation
import MarketData
import Testing

@Suite("Writer rules: seq, recv_ns, lines, files")
struct CaptureWriterRulesTests {
    @Test("seq starts at 1 and grows by one; equal recv_ns are allowed")
    func seqNumbers() throws {
        try withTemporaryDirectory { directory in
            let writer = try CaptureWriter(path: directory + "/c.sqlite", metadata: sampleMetadata())
            #expect(writer.lastSeq == 0)
            #expect(writer.lastRecvNs == nil)
            var seqs: [Int64] = []
            for recvNs: Int64 in [-5, 0, 0, 10, 10, 11] {
                seqs.append(try writer.append(recvNs: recvNs, port: .level1, symbol: "AAPL", line: "x"))
            }
            #expect(seqs == [1, 2, 3, 4, 5, 6])
            #expect(writer.lastSeq == 6)
            #expect(writer.lastRecvNs == 11)
        }
    }

    @Test("a decreasing recv_ns is an error naming both values, and nothing is stored")
    func decreasingRecvNs() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/c.sqlite"
            let writer = try CaptureWriter(path: path, metadata: sampleMetadata())
            try writer.append(recvNs: 2_000, port: .level1, symbol: "AAPL", line: "first")
            let error = try #require(throws: CaptureError.self) {
                try writer.append(recvNs: 1_999, port: .level1, symbol: "AAPL", line: "second")
            }
            #expect(error.kind == .outOfOrder)
            #expect(error.description.contains("recv_ns 1999 is before recv_ns 2000"))
            #expect(error.description.contains(path))
            #expect(try writer.append(recvNs: 2_000, port: .level1, symbol: "AAPL", line: "third") == 2)
            try writer.finish()
            #expect(try CaptureReader(path: path).events().map(\.line) == ["first", "third"])
        }
    }

    @Test("a line with CR or LF is refused", arguments: ["Q,AAPL\r\n", "Q,\nAAPL", "\r"])
    func lineBreaks(line: String) throws {
        try withTemporaryDirectory { directory in
            let writer = try CaptureWriter(path: directory + "/c.sqlite", metadata: sampleMetadata())
            let error = try #require(throws: CaptureError.self) {
                try writer.append(recvNs: 1, port: .level1, symbol: "AAPL", line: line)
            }
            #expect(error.kind == .invalidInput)
            #expect(error.description.contains("without its CR LF"))
            #expect(writer.lastSeq == 0)
        }
    }

    @Test("an existing file is never overwritten, and the error names the path")
    func overwriteRefused() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/fixture.sqlite"
            try Samples.writeCapture(at: path, count: 10)
            let before = try Data(contentsOf: URL(fileURLWithPath: path))
            let error = try #require(throws: CaptureError.self) {
                try CaptureWriter(path: path, metadata: sampleMetadata())
            }
            #expect(error.kind == .alreadyExists)
            #expect(
                error.description == "capture \(path) already exists; captures are never overwritten: choose "
                    + "another path or remove the old file first."
            )
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
            #expect(try CaptureReader(path: path).eventCount() == 10)

            let empty = directory + "/empty.sqlite"
            #expect(FileManager.default.createFile(atPath: empty, contents: Data()))
            #expect(throws: CaptureError.self) { try CaptureWriter(path: empty, metadata: sampleMetadata()) }
        }
    }

    @Test("a leftover -wal file without its database is refused rather than replayed into the new capture")
    func leftoverWAL() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/c.sqlite"
            #expect(FileManager.default.createFile(atPath: path + "-wal", contents: Data([1, 2, 3])))
            let error = try #require(throws: CaptureError.self) {
                try CaptureWriter(path: path, metadata: sampleMetadata())
            }
            #expect(error.kind == .alreadyExists)
            #expect(error.description.contains("\(path)-wal"))
            #expect(!FileManager.default.fileExists(atPath: path))
        }
    }

    @Test("a missing directory is a storage error naming the path")
    func missingDirectory() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/no/such/c.sqlite"
            let error = try #require(throws: CaptureError.self) {
                try CaptureWriter(path: path, metadata: sampleMetadata())
            }
            #expect(error.kind == .storage)
            #expect(error.description.contains(path))
            #expect(error.description.contains("directory exists"))
        }
    }

    @Test("metadata that would not read back the same is refused before a file is made")
    func invalidMetadata() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/c.sqlite"
            var metadata = sampleMetadata(symbols: ["AAPL", "BRK,B"])
            var error = try #require(throws: CaptureError.self) { try CaptureWriter(path: path, metadata: metadata) }
            #expect(error.kind == .invalidInput)
            #expect(error.description.contains("'BRK,B'"))
            metadata = sampleMetadata()
            metadata.extra = ["source": "elsewhere"]
            error = try #require(throws: CaptureError.self) { try CaptureWriter(path: path, metadata: metadata) }
            #expect(error.kind == .invalidInput)
            #expect(!FileManager.default.fileExists(atPath: path))
        }
    }

    @Test("a gap may not end before it starts")
    func backwardGap() throws {
        try withTemporaryDirectory { directory in
            let writer = try CaptureWriter(path: directory + "/c.sqlite", metadata: sampleMetadata())
            let error = try #require(throws: CaptureError.self) {
                try writer.recordGap(startNs: 10, endNs: 9, port: .level1, reason: "reset")
            }
            #expect(error.kind == .invalidInput)
        }
    }

    @Test("finish leaves one self-contained file; finish again does nothing; other calls throw .finished")
    func finish() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/c.sqlite"
            let writer = try CaptureWriter(path: path, metadata: sampleMetadata())
            try writer.append(recvNs: 1, port: .level1, symbol: "AAPL", line: "x")
            #expect(FileManager.default.fileExists(atPath: path + "-wal"), "recording uses WAL")
            try writer.finish()
            #expect(writer.isFinished)
            try writer.finish()
            let files = try FileManager.default.contentsOfDirectory(atPath: directory)
            #expect(files == ["c.sqlite"])

            let error = try #require(throws: CaptureError.self) {
                try writer.append(recvNs: 2, port: .level1, symbol: "AAPL", line: "y")
            }
            #expect(error.kind == .finished)
            #expect(error.description.contains(path))
            #expect(throws: CaptureError.self) { try writer.commit() }

            _ = try CaptureReader(path: path).eventCount()
            #expect(
                try FileManager.default.contentsOfDirectory(atPath: directory) == ["c.sqlite"],
                "reading a finished capture leaves no -wal or -shm files"
            )
        }
    }

    @Test("finishing while a reader has the file open does not wait, and the capture stays readable")
    func finishWithReaderOpen() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/c.sqlite"
            let writer = try CaptureWriter(path: path, metadata: sampleMetadata())
            try writer.append(recvNs: 1, port: .level1, symbol: "AAPL", line: "x")
            try writer.commit()
            let reader = try CaptureReader(path: path)
            var seen = 0
            let start = ContinuousClock.now
            try reader.forEachEvent { _ in
                try writer.append(recvNs: 2, port: .level1, symbol: "AAPL", line: "y")
                try writer.finish()
                seen += 1
            }
            #expect(ContinuousClock.now - start < .seconds(1))
            #expect(seen == 1)
            #expect(try reader.eventCount() == 2)
            #expect(try CaptureReader(path: path).events().map(\.line) == ["x", "y"])
        }
    }
}
