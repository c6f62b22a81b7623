import Capture
import Feed
import MarketData
import SystemSupport
import Testing

@Suite("Simulator and live client over loopback", .timeLimit(.minutes(1)))
struct SimulatorClientTests {
    @Test("the client receives every line of the watched symbols, in order, per port")
    func fullStream() throws {
        let playback = samplePlayback()
        let simulator = try startedSimulator(playback)
        defer { simulator.stop() }
        let (sink, client) = startedClient(of: simulator)
        defer { client.stop() }

        #expect(simulator.waitUntilFinished(timeout: .seconds(20)))
        let expected1 = playback.lines.filter { $0.port == .level1 }.map(\.line)
        let expected2 = playback.lines.filter { $0.port == .level2 }.map(\.line)
        #expect(
            waitUntil {
                sink.dataLines(.level1).count >= expected1.count && sink.dataLines(.level2).count >= expected2.count
            }
        )
        #expect(sink.dataLines(.level1) == expected1)
        #expect(sink.dataLines(.level2) == expected2)

        let level1 = sink.lines(.level1)
        #expect(Array(level1.prefix(2)) == ["S,KEY,SIMULATOR", "S,SERVER CONNECTED"])
        #expect(level1.contains("S,CURRENT PROTOCOL,6.2"))
        let fieldsLine = "S,CURRENT UPDATE FIELDNAMES," + Level1FieldList.default.names.joined(separator: ",")
        #expect(level1.contains(fieldsLine))
        #expect(sink.events.contains(.fieldsAcknowledged(Level1FieldList.default.names)))
        #expect(sink.events.contains(.connected(port: .level1, attempt: 1)))
        #expect(sink.events.contains(.connected(port: .level2, attempt: 1)))
        #expect(sink.gaps.isEmpty)
    }

    @Test("writes split at random byte boundaries and two disconnects: reconnects, re-watches, loses nothing sent")
    func splitWritesAndDisconnects() throws {
        let playback = samplePlayback(count: 6_000)
        var configuration = SimulatorConfiguration(level1Port: 0, level2Port: 0)
        configuration.pace = .multiplied(0.004)  // 6 ms recorded, played over 1.5 s
        let simulator = try IQFeedSimulator(playback: playback, configuration: configuration)
        simulator.recordDeliveries()
        simulator.inject(.splitWrites(seed: 42, maximumPiece: 37))
        simulator.start()
        defer { simulator.stop() }
        let (sink, client) = startedClient(of: simulator)
        defer { client.stop() }

        // Each disconnect waits for the client to be back, so both hit live connections however loaded the machine.
        #expect(waitUntil { sink.dataLines(.level1).count + sink.dataLines(.level2).count >= 300 })
        // The client may be back before the simulator has accepted the new connection; a disconnect only closes
        // accepted ones, so wait for both.
        for attempt in [2, 3] {
            simulator.inject(.disconnect([.level1, .level2]))
            #expect(
                waitUntil {
                    sink.events.contains(.connected(port: .level1, attempt: attempt))
                        && sink.events.contains(.connected(port: .level2, attempt: attempt))
                        && simulator.statistics.connections == 2 * attempt
                }
            )
        }
        #expect(simulator.waitUntilFinished(timeout: .seconds(30)))
        expectDeliveredLinesArrived(simulator, playback, sink)
        #expect(sink.gaps.count == 4)
        #expect(simulator.statistics.connections == 6)
    }

    @Test("stop() returns even while a client that stopped reading holds the playback in a blocked send")
    func stopWithStuckClient() throws {
        // 100 MB for a client that reads nothing: far more than loopback sockets buffer, so playback blocks in a send.
        let line = "Q,AAPL," + String(repeating: "9", count: 1_000)
        let lines = (1...100_000).map {
            CaptureEvent(seq: Int64($0), recvNs: Int64($0), port: .level1, symbol: "AAPL", line: line)
        }
        let simulator = try startedSimulator(MemoryPlayback(lines: lines))
        let stream = try TCPStream.connect(
            host: "127.0.0.1",
            port: simulator.tcpPort(for: .level1),
            timeout: .seconds(2)
        )
        try stream.send("wAAPL\r\n")
        #expect(waitUntil { simulator.statistics.linesPlayed > 0 })
        #expect(!waitUntil(timeout: .seconds(2)) { simulator.statistics.finished })
        simulator.stop()
        #expect(simulator.statistics.linesPlayed < 100_000)
        withExtendedLifetime(stream) {}
    }

    @Test("stop() does not wait out a long quiet stretch of a recorded-pace playback")
    func stopDuringPacedWait() throws {
        let lines = [0, 600_000_000_000].enumerated().map { index, recvNs in
            CaptureEvent(seq: Int64(index + 1), recvNs: Int64(recvNs), port: .level1, symbol: "AAPL", line: "Q,AAPL,1")
        }
        let simulator = try startedSimulator(MemoryPlayback(lines: lines)) { $0.pace = .recorded }
        let (sink, client) = startedClient(of: simulator) {
            $0.symbols = ["AAPL"]
            $0.depth = .none
        }
        #expect(waitUntil { sink.dataLines(.level1).count == 1 })
        simulator.stop()  // the next line is due in 10 minutes; the suite's time limit is one
        client.stop()
        #expect(simulator.statistics.linesPlayed == 1)
    }

    /// Sends `commands` to `simulator`'s `port` as a bare client and returns every line received until `last`.
    private func exchange(
        with simulator: IQFeedSimulator,
        on port: FeedPort,
        sending commands: String,
        until last: String
    ) throws -> [String] {
        let stream = try TCPStream.connect(host: "127.0.0.1", port: simulator.tcpPort(for: port), timeout: .seconds(2))
        try stream.send(commands)
        let framer = LineFramer()
        var lines: [String] = []
        #expect(
            waitUntil {
                _ = framer.fill(from: stream, timeout: .milliseconds(50))
                framer.takeLines().forEach { lines.append(String(decoding: $0, as: UTF8.self)) }
                return lines.contains(last)
            }
        )
        return lines.filter { !$0.hasPrefix("T,") }
    }

    @Test("Level 1 field selection on the Level 2 port is a syntax error, as other unknown commands are")
    func fieldSelectionOnLevel2() throws {
        let simulator = try startedSimulator(samplePlayback(count: 10))
        defer { simulator.stop() }
        let lines = try exchange(
            with: simulator,
            on: .level2,
            sending: "S,SELECT UPDATE FIELDS,Symbol,Bid\r\nS,SET PROTOCOL,6.2\r\n",
            until: "S,CURRENT PROTOCOL,6.2"
        )
        #expect(lines == ["S,SERVER CONNECTED", "E,!SYNTAX_ERROR!,", "S,CURRENT PROTOCOL,6.2"])
    }

    @Test("unknown symbols get n,SYM and unknown commands E,!SYNTAX_ERROR!,")
    func unknowns() throws {
        let simulator = try startedSimulator(samplePlayback(count: 10))
        defer { simulator.stop() }
        let lines = try exchange(
            with: simulator,
            on: .level1,
            sending: "S,SET PROTOCOL,6.2\r\nwNOPE\r\nS,TEST\r\nS,REQUEST WATCHES\r\nwAAPL\r\nS,REQUEST WATCHES\r\n",
            until: "S,WATCHES,AAPL,"
        )
        let replies = lines.filter {
            !$0.hasPrefix("S,KEY") && !$0.hasPrefix("S,IP") && !$0.hasPrefix("S,CUST") && $0 != "S,SERVER CONNECTED"
        }
        #expect(replies == ["S,CURRENT PROTOCOL,6.2", "n,NOPE", "E,!SYNTAX_ERROR!,", "S,WATCHES,", "S,WATCHES,AAPL,"])
    }
}
