import Feed
import MarketData
import SystemSupport
import Testing

@Suite("Live client under feed faults", .timeLimit(.minutes(1)))
struct ClientFaultTests {
    @Test("nothing listening: the client fails at once, naming the address")
    func unreachable() throws {
        let closed = try LoopbackSocket()
        var configuration = IQFeedClientConfiguration(symbols: ["AAPL"], depth: .none)
        configuration.level1Port = closed.port
        let sink = CollectingSink()
        let client = IQFeedClient(configuration: configuration, sink: sink)
        client.start()
        #expect(waitUntil { !sink.events.isEmpty })
        client.stop()
        guard case .failed(let error) = try #require(sink.events.first) else {
            Issue.record("expected a failure, got \(sink.events)")
            return
        }
        #expect(error.kind == .unreachable)
        #expect(error.message.contains("127.0.0.1:\(closed.port)"))
    }

    @Test("a protocol the feed refuses is a clear failure, not a reconnect loop")
    func protocolRejected() throws {
        let simulator = try startedSimulator(samplePlayback(count: 10))
        defer { simulator.stop() }
        let (sink, client) = startedClient(of: simulator) {
            $0.protocolVersion = "5.0"
            $0.depth = .none
        }
        defer { client.stop() }
        #expect(
            waitUntil {
                sink.events.contains {
                    if case .failed(let error) = $0 { return error.kind == .protocolRejected }
                    return false
                }
            }
        )
        #expect(sink.lines(.level1).contains("E,5.0 is not a valid protocol.,"))
    }

    @Test("a stalled feed (no heartbeat) counts as dead: the client reconnects and records the gap")
    func heartbeatTimeout() throws {
        let playback = samplePlayback(count: 600)
        let simulator = try startedSimulator(playback) { $0.heartbeatInterval = .milliseconds(50) }
        simulator.schedule(.stall(.milliseconds(1_500)), atSeq: 300)
        defer { simulator.stop() }
        let (sink, client) = startedClient(of: simulator) { $0.heartbeatTimeout = .milliseconds(400) }
        defer { client.stop() }

        #expect(simulator.waitUntilFinished(timeout: .seconds(20)))
        // While the feed stalls, a new connection gets no heartbeat either, so each port may cycle more than once.
        #expect(waitUntil { Set(sink.gaps.map(\.port)) == [.level1, .level2] })
        #expect(sink.events.contains(.disconnected(port: .level1, reason: "no heartbeat for 0.4 s")))
        #expect(sink.events.contains(.disconnected(port: .level2, reason: "no heartbeat for 0.4 s")))
        // A link declared dead just as the stall ends loses what was already in its socket: a subsequence, in order.
        expectEachConnectionReceivedAPrefix(simulator, playback, sink)
    }

    @Test("IQConnect losing its server link: gap recorded, depth cleared, lines in the outage dropped at the source")
    func serverDisconnect() throws {
        let playback = samplePlayback(count: 3_000)
        let simulator = try startedSimulator(playback) { $0.pace = .multiplied(100) }
        simulator.schedule(.serverDisconnect(.milliseconds(200)), atSeq: 1_000)
        defer { simulator.stop() }
        let (sink, client) = startedClient(of: simulator)
        defer { client.stop() }

        #expect(simulator.waitUntilFinished(timeout: .seconds(20)))
        let statistics = simulator.statistics
        #expect(!statistics.droppedSeqs.isEmpty)
        #expect(waitUntil { sink.gaps.count == 2 })
        let level2 = sink.lines(.level2)
        #expect(level2.contains("S,SERVER DISCONNECTED"))
        #expect(level2.contains("S,CLEAR DEPTH,AAPL,B,"))
        #expect(level2.contains("S,CLEAR DEPTH,MSFT,A,"))
        let received = Set(sink.dataLines(.level1) + sink.dataLines(.level2))
        let dropped = Set(statistics.droppedSeqs)
        let droppedLines = Set(playback.lines.filter { dropped.contains($0.seq) }.map(\.line))
        #expect(received.isDisjoint(with: droppedLines))
    }

    @Test("corrupt and drop faults change exactly the lines they say")
    func corruptAndDrop() throws {
        let playback = samplePlayback(count: 1_000)
        let simulator = try startedSimulator(playback)
        simulator.schedule(.corrupt(count: 5), atSeq: 100)
        simulator.schedule(.drop(count: 7), atSeq: 500)
        defer { simulator.stop() }
        let (sink, client) = startedClient(of: simulator)
        defer { client.stop() }

        #expect(simulator.waitUntilFinished(timeout: .seconds(20)))
        let statistics = simulator.statistics
        #expect(statistics.corruptedSeqs == Array(100...104))
        #expect(statistics.droppedSeqs == Array(500...506))
        #expect(waitUntil { sink.dataLines(.level1).count + sink.dataLines(.level2).count == 1_000 - 7 })
        let received = sink.dataLines(.level1) + sink.dataLines(.level2)
        #expect(received.filter { $0.contains("#CORRUPT#") }.count == 5)
    }
}
