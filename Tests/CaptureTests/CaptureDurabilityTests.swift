import Capture
import Foundation
import Testing

@Suite("Batched commits and abandoned writers")
struct CaptureDurabilityTests {
    /// Appends `Samples.event(seqs)` to `writer`.
    func append(_ seqs: ClosedRange<Int64>, to writer: CaptureWriter) throws {
        for seq in seqs {
            let event = Samples.event(seq)
            try writer.append(recvNs: event.recvNs, port: event.port, symbol: event.symbol, line: event.line)
        }
    }

    @Test("a writer abandoned mid-batch (database and WAL copied while a batch is open) keeps every committed batch")
    func abandonedWriter() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/live.sqlite"
            let writer = try CaptureWriter(path: path, metadata: sampleMetadata(), commitInterval: .seconds(3_600))
            try append(1...5_000, to: writer)
            try writer.commit()
            try writer.updateMetadata(key: "note", value: "after the first batch")
            try append(5_001...20_000, to: writer)
            try writer.commit()
            try append(20_001...30_000, to: writer)

            let copy = directory + "/copy.sqlite"
            for suffix in ["", "-wal"] {
                try FileManager.default.copyItem(atPath: path + suffix, toPath: copy + suffix)
            }
            withExtendedLifetime(writer) {}

            let reader = try CaptureReader(path: copy)
            #expect(reader.metadata.extra == ["note": "after the first batch"])
            #expect(try reader.eventCount() == 20_000)
            #expect(try reader.seqRange() == 1...20_000)
            #expect(try reader.events() == (1...20_000).map(Samples.event))
            try reader.checkIntegrity()
        }
    }

    @Test("a small capture abandoned before any checkpoint, with everything still in the WAL, opens")
    func abandonedBeforeCheckpoint() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/live.sqlite"
            let writer = try CaptureWriter(path: path, metadata: sampleMetadata(), commitInterval: .seconds(3_600))
            try append(1...10, to: writer)
            try writer.commit()
            try append(11...12, to: writer)
            let copy = directory + "/copy.sqlite"
            for suffix in ["", "-wal"] {
                try FileManager.default.copyItem(atPath: path + suffix, toPath: copy + suffix)
            }
            withExtendedLifetime(writer) {}

            let reader = try CaptureReader(path: copy)
            #expect(reader.metadata == sampleMetadata())
            #expect(try reader.events() == (1...10).map(Samples.event))
        }
    }

    @Test("finishing while a reader is mid-read keeps WAL mode, says so, and the file with its WAL holds everything")
    func finishUnderReader() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/busy.sqlite"
            let writer = try CaptureWriter(path: path, metadata: sampleMetadata())
            try append(1...200, to: writer)
            try writer.commit()
            var selfContained: Bool?
            try CaptureReader(path: path).forEachEvent { event in
                guard event.seq == 1 else { return }
                try append(201...300, to: writer)
                selfContained = try writer.finish()
            }
            #expect(selfContained == false)
            #expect(FileManager.default.fileExists(atPath: path + "-wal"))
            #expect(try CaptureReader(path: path).eventCount() == 300)
        }
    }

    @Test("finishing an unread capture leaves one self-contained file")
    func finishAlone() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/alone.sqlite"
            let writer = try CaptureWriter(path: path, metadata: sampleMetadata())
            try append(1...300, to: writer)
            #expect(try writer.finish())
            #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
            #expect(try CaptureReader(path: path).eventCount() == 300)
            #expect(!FileManager.default.fileExists(atPath: path + "-wal"), "reading leaves no WAL behind")
        }
    }

    @Test("a second connection sees committed batches only, while the writer records")
    func concurrentReader() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/live.sqlite"
            let writer = try CaptureWriter(path: path, metadata: sampleMetadata(), commitInterval: .seconds(3_600))
            let reader = try CaptureReader(path: path)
            try append(1...100, to: writer)
            #expect(try reader.eventCount() == 0)
            try writer.commit()
            #expect(try reader.eventCount() == 100)
            try append(101...150, to: writer)
            try writer.commitIfDue()
            #expect(try reader.eventCount() == 100, "the batch is not due for an hour")
            try writer.recordGap(startNs: 1, endNs: 2, port: .level1, reason: "reset")
            #expect(try reader.eventCount() == 150, "a gap commits the open batch with it")
            #expect(try reader.gaps().count == 1)
        }
    }

    @Test("an open batch is committed by append once the commit interval has passed")
    func commitInterval() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/live.sqlite"
            let writer = try CaptureWriter(path: path, metadata: sampleMetadata(), commitInterval: .milliseconds(200))
            let reader = try CaptureReader(path: path)
            try append(1...10, to: writer)
            #expect(try reader.eventCount() == 0)
            Thread.sleep(forTimeInterval: 0.25)
            try append(11...11, to: writer)
            #expect(try reader.eventCount() == 11)
            try append(12...12, to: writer)
            Thread.sleep(forTimeInterval: 0.25)
            try writer.commitIfDue()
            #expect(try reader.eventCount() == 12, "a quiet recorder commits with commitIfDue")
        }
    }

    @Test("a writer released without finish commits its open batch")
    func releasedWithoutFinish() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/c.sqlite"
            do {
                let writer = try CaptureWriter(path: path, metadata: sampleMetadata(), commitInterval: .seconds(3_600))
                try append(1...1_000, to: writer)
            }
            #expect(try CaptureReader(path: path).events() == (1...1_000).map(Samples.event))
        }
    }
}
