import Capture
import Foundation
import MarketData
import SQLite
import Testing

@Suite("Round trips of metadata, events and gaps")
struct CaptureRoundTripTests {
    @Test("metadata, events and gaps read back exactly as written")
    func roundTrip() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/capture.sqlite"
            let gaps = [
                CaptureGap(startNs: 5_000, endNs: 9_000, port: .level1, reason: "connection reset by peer"),
                CaptureGap(startNs: 7_000, endNs: 7_000, port: .level2, reason: ""),
            ]
            try Samples.writeCapture(at: path, count: 1_000, gaps: gaps)

            let reader = try CaptureReader(path: path)
            #expect(reader.metadata == sampleMetadata())
            #expect(reader.metadata.formatVersion == CaptureFormat.version)
            #expect(try reader.eventCount() == 1_000)
            #expect(try reader.seqRange() == 1...1_000)
            #expect(try reader.recvNsSpan() == Samples.recvNs(1)...Samples.recvNs(1_000))
            #expect(try reader.gaps() == gaps)
            #expect(try reader.events() == (1...1_000).map(Samples.event))
            try reader.checkIntegrity()
        }
    }

    @Test("the stored rows follow DESIGN.md: meta keys, events columns, created_at in UTC")
    func storedRows() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/capture.sqlite"
            var metadata = sampleMetadata()
            metadata.extra = ["operator": "night shift"]
            let writer = try CaptureWriter(path: path, metadata: metadata)
            try writer.append(recvNs: 0, port: .level2, symbol: nil, line: "S,SERVER CONNECTED")
            try writer.finish()

            let database = try SQLiteDatabase(path: path, mode: .readOnly)
            var meta: [String: String] = [:]
            try database.prepare("SELECT key, value FROM meta").forEachRow { meta[$0.string(at: 0)] = $0.string(at: 1) }
            #expect(
                meta == [
                    "format_version": "1",
                    "created_at": "2024-11-28T14:30:00Z",
                    "clock_anchor_unix_ns": "1732804200123456789",
                    "source": "iqfeed 127.0.0.1:5009",
                    "protocol": "6.2",
                    "symbols": "AAPL,MSFT,@ESZ24,EURUSD.FXCM",
                    "level1_fields": "Symbol,Most Recent Trade,Bid,Ask",
                    "harness_version": "0.1.0-test",
                    "operator": "night shift",
                ]
            )
            let row = try database.prepare("SELECT seq, recv_ns, port, symbol IS NULL, line FROM events").firstRow {
                [$0.value(at: 0), $0.value(at: 1), $0.value(at: 2), $0.value(at: 3), $0.value(at: 4)]
            }
            #expect(row == [1, 0, 9200, 1, "S,SERVER CONNECTED"])
            #expect(try CaptureReader(path: path).metadata.extra == ["operator": "night shift"])
        }
    }

    @Test("String, Substring and byte appends store the same lines, including empty and non-ASCII ones")
    func appendVariants() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/capture.sqlite"
            let writer = try CaptureWriter(path: path, metadata: sampleMetadata())
            let text = "xx Q,AAPL,190.12,Zürich ✓ yy"
            let line = text.dropFirst(3).dropLast(3)
            let symbol = line.dropFirst(2).prefix(4)
            #expect(try writer.append(recvNs: 1, port: .level1, symbol: "AAPL", line: String(line)) == 1)
            #expect(try writer.append(recvNs: 2, port: .level1, symbol: symbol, line: line) == 2)
            let seq = try Array(line.utf8).withUnsafeBytes { lineBytes in
                try Array(symbol.utf8).withUnsafeBytes { symbolBytes in
                    try writer.append(recvNs: 3, port: .level1, symbolBytes: symbolBytes, lineBytes: lineBytes)
                }
            }
            #expect(seq == 3)
            #expect(try writer.append(recvNs: 4, port: .admin, symbol: "", line: "") == 4)
            let emptySeq = try writer.append(
                recvNs: 5,
                port: .lookup,
                symbolBytes: nil,
                lineBytes: UnsafeRawBufferPointer(start: nil, count: 0)
            )
            #expect(emptySeq == 5)
            try writer.finish()

            let events = try CaptureReader(path: path).events()
            #expect(events.map(\.line) == [String(line), String(line), String(line), "", ""])
            #expect(events.map(\.symbol) == ["AAPL", "AAPL", "AAPL", "", nil])
            #expect(events.map(\.port) == [.level1, .level1, .level1, .admin, .lookup])
        }
    }

    @Test("the event view lends the recorded bytes and copies Strings on demand")
    func eventView() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/capture.sqlite"
            let writer = try CaptureWriter(path: path, metadata: sampleMetadata())
            let invalidUTF8: [UInt8] = [0x51, 0x2C, 0xFF, 0x41]
            let seq = try invalidUTF8.withUnsafeBytes { line in
                try writer.append(recvNs: 7, port: .level1, symbolBytes: nil, lineBytes: line)
            }
            #expect(seq == 1)
            try writer.append(recvNs: 8, port: .level2, symbol: "MSFT", line: "8,MSFT,...")
            try writer.finish()

            var seen: [(Int64, [UInt8], [UInt8]?, Bool, String)] = []
            try CaptureReader(path: path).forEachEvent { event in
                let line = event.withLineBytes { Array($0) }
                let symbol = event.withSymbolBytes { $0.map { Array($0) } }
                seen.append((event.recvNs, line, symbol, event.hasSymbol, event.line))
            }
            #expect(seen.count == 2)
            #expect(seen[0].0 == 7 && seen[0].1 == [0x51, 0x2C, 0xFF, 0x41] && seen[0].2 == nil && !seen[0].3)
            #expect(seen[0].4 == "Q,\u{FFFD}A")
            #expect(seen[1].0 == 8 && seen[1].1 == Array("8,MSFT,...".utf8) && seen[1].2 == Array("MSFT".utf8))
        }
    }

    @Test("updateMetadata stores values learned while recording and refuses format_version")
    func updateMetadata() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/capture.sqlite"
            var metadata = sampleMetadata()
            metadata.level1Fields = []
            let writer = try CaptureWriter(path: path, metadata: metadata)
            try writer.append(recvNs: 1, port: .level1, symbol: nil, line: "S,CURRENT PROTOCOL,6.2")
            try writer.updateMetadata(key: CaptureMetadata.Key.level1Fields, value: "Symbol,Bid,Ask")
            try writer.updateMetadata(key: "recorder_host", value: "md-01")
            #expect(writer.metadata.level1Fields == ["Symbol", "Bid", "Ask"])

            let seen = try CaptureReader(path: path)
            #expect(seen.metadata.level1Fields == ["Symbol", "Bid", "Ask"])
            #expect(seen.metadata.extra == ["recorder_host": "md-01"])
            #expect(try seen.eventCount() == 1, "an update commits the open batch with it")

            let version = try #require(throws: CaptureError.self) {
                try writer.updateMetadata(key: "format_version", value: "2")
            }
            #expect(version.kind == .invalidInput)
            let anchor = try #require(throws: CaptureError.self) {
                try writer.updateMetadata(key: CaptureMetadata.Key.clockAnchorUnixNs, value: "soon")
            }
            #expect(anchor.kind == .invalidInput)
            #expect(anchor.description.contains("clock_anchor_unix_ns 'soon'"))
            let list = try #require(throws: CaptureError.self) {
                try writer.updateMetadata(key: CaptureMetadata.Key.symbols, value: "AAPL,,MSFT")
            }
            #expect(list.kind == .invalidInput)
            try writer.finish()
            #expect(try CaptureReader(path: path).metadata.symbols == Samples.symbols)
        }
    }
}
