import Capture
import Feed
import Foundation
import MarketData
import SystemSupport
import Testing

@Suite("Recording the simulator into a capture", .timeLimit(.minutes(1)))
struct RecorderTests {
    /// Writes `playback` as a capture file.
    private func writeCapture(_ playback: MemoryPlayback, to path: String) throws {
        let writer = try CaptureWriter(
            path: path,
            metadata: CaptureMetadata(
                clockAnchorUnixNs: 0,
                source: "test",
                symbols: ["AAPL", "MSFT"],
                level1Fields: playback.level1Fields,
                harnessVersion: "test"
            )
        )
        for line in playback.lines {
            try writer.append(recvNs: line.recvNs, port: line.port, symbol: line.symbol, line: line.line)
        }
        try writer.finish()
    }

    /// Data lines of a capture keyed by (port, symbol), in seq order.
    private func streams(of path: String) throws -> [String: [String]] {
        var result: [String: [String]] = [:]
        try CaptureReader(path: path).forEachEvent { event in
            guard let symbol = event.symbol, event.line.isDataLine else { return }
            result["\(event.port.rawValue) \(symbol)", default: []].append(event.line)
        }
        return result
    }

    private func record(
        from simulator: IQFeedSimulator,
        into path: String,
        limit: Int?
    ) throws -> (FeedRecorder, IQFeedClient) {
        let writer = try CaptureWriter(
            path: path,
            metadata: CaptureMetadata(
                clockAnchorUnixNs: MonotonicClock.unixNanoseconds(),
                source: "simulator",
                symbols: ["AAPL", "MSFT"],
                harnessVersion: "test"
            )
        )
        let recorder = FeedRecorder(
            writer: writer,
            anchorNanoseconds: MonotonicClock.nanoseconds(),
            dataLineLimit: limit
        )
        let client = IQFeedClient(configuration: clientConfiguration(for: simulator), sink: recorder)
        client.start()
        return (recorder, client)
    }

    @Test("capture → simulator → recorder → capture keeps the same lines per symbol, in order")
    func roundTrip() throws {
        let folder = try TemporaryDirectory(prefix: "RecorderTests")
        defer { try? folder.remove() }
        let playback = samplePlayback(count: 5_000)
        try writeCapture(playback, to: folder.path + "/source.sqlite")
        let simulator = try IQFeedSimulator(
            playback: CapturePlayback(path: folder.path + "/source.sqlite"),
            configuration: {
                var c = SimulatorConfiguration(level1Port: 0, level2Port: 0); c.pace = .max; return c
            }()
        )
        simulator.start()
        defer { simulator.stop() }
        let (recorder, client) = try record(from: simulator, into: folder.path + "/copy.sqlite", limit: 5_000)
        #expect(recorder.waitUntilDone(timeout: .seconds(30)))
        client.stop()
        try recorder.finish()

        #expect(recorder.statistics.failure == nil)
        #expect(try streams(of: folder.path + "/copy.sqlite") == streams(of: folder.path + "/source.sqlite"))
        let copy = try CaptureReader(path: folder.path + "/copy.sqlite")
        #expect(copy.metadata.level1Fields == Level1FieldList.default.names)
        #expect(try copy.gaps().isEmpty)
        #expect(recorder.statistics.symbols == ["AAPL", "MSFT"])
    }

    @Test("a line limit ends the capture exactly at the limit, even part-way through a receive")
    func exactLimit() throws {
        let folder = try TemporaryDirectory(prefix: "RecorderTests")
        defer { try? folder.remove() }
        try writeCapture(samplePlayback(count: 5_000), to: folder.path + "/source.sqlite")
        var configuration = SimulatorConfiguration(level1Port: 0, level2Port: 0)
        configuration.pace = .max
        let simulator = try IQFeedSimulator(
            playback: CapturePlayback(path: folder.path + "/source.sqlite"),
            configuration: configuration
        )
        simulator.start()
        defer { simulator.stop() }
        let (recorder, client) = try record(from: simulator, into: folder.path + "/copy.sqlite", limit: 1_234)
        #expect(recorder.waitUntilDone(timeout: .seconds(30)))
        #expect(simulator.waitUntilFinished(timeout: .seconds(30)))
        client.stop()
        try recorder.finish()
        #expect(recorder.statistics.dataLines == 1_234)
        let copy = try streams(of: folder.path + "/copy.sqlite")
        #expect(copy.values.map(\.count).reduce(0, +) == 1_234)
        let source = try streams(of: folder.path + "/source.sqlite")
        for (stream, lines) in copy {
            #expect(Array(try #require(source[stream]).prefix(lines.count)) == lines)
        }
    }

    @Test("split writes and two disconnects: the copy holds every line sent after each reconnect, and four gaps")
    func faultedRoundTrip() throws {
        let folder = try TemporaryDirectory(prefix: "RecorderTests")
        defer { try? folder.remove() }
        let playback = samplePlayback(count: 8_000)
        try writeCapture(playback, to: folder.path + "/source.sqlite")
        var configuration = SimulatorConfiguration(level1Port: 0, level2Port: 0)
        configuration.pace = .multiplied(0.004)  // 8 ms recorded, played over 2 s
        let simulator = try IQFeedSimulator(
            playback: CapturePlayback(path: folder.path + "/source.sqlite"),
            configuration: configuration
        )
        simulator.recordDeliveries()
        simulator.inject(.splitWrites(seed: 7, maximumPiece: 23))
        simulator.start()
        defer { simulator.stop() }
        let (recorder, client) = try record(from: simulator, into: folder.path + "/copy.sqlite", limit: nil)
        // Each disconnect waits for both ports to be back (a gap is recorded on reconnecting), so both disconnects
        // hit live connections however loaded the machine.
        #expect(waitUntil { recorder.statistics.dataLines >= 300 })
        // The client may be back before the simulator has accepted the new connection; a disconnect only closes
        // accepted ones, so wait for both.
        for (gaps, connections) in [(2, 4), (4, 6)] {
            simulator.inject(.disconnect([.level1, .level2]))
            #expect(
                waitUntil {
                    recorder.statistics.gaps == gaps && simulator.statistics.connections == connections
                }
            )
        }
        #expect(simulator.waitUntilFinished(timeout: .seconds(30)))
        let delivered = [FeedPort.level1, .level2].map { simulator.deliveredSeqs(for: $0).count }.reduce(0, +)
        #expect(waitUntil { recorder.statistics.dataLines >= delivered })
        client.stop()
        try recorder.finish()

        let bySeq = Dictionary(uniqueKeysWithValues: playback.lines.map { ($0.seq, $0) })
        var expected: [String: [String]] = [:]
        for port in [FeedPort.level1, .level2] {
            for seq in simulator.deliveredSeqs(for: port) {
                let line = bySeq[seq]!
                expected["\(port.rawValue) \(line.symbol!)", default: []].append(line.line)
            }
        }
        #expect(try streams(of: folder.path + "/copy.sqlite") == expected)
        let gaps = try CaptureReader(path: folder.path + "/copy.sqlite").gaps()
        #expect(gaps.count == 4)
        #expect(Set(gaps.map(\.port)) == [.level1, .level2])
        #expect(gaps.allSatisfy { $0.startNs <= $0.endNs && $0.reason == "IQFeed closed the connection" })
    }
}
