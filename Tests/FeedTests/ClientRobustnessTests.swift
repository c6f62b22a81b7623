import Feed
import Foundation
import MarketData
import Synchronization
import SystemSupport
import Testing

/// A bare TCP server for misbehaving-peer tests: it records when each client connected, runs `serve` for it and
/// keeps the connection open until stopped (unless `serve` closed it).
private final class RawServer: Sendable {
    let listener: TCPListener
    private let accepted = Mutex<[Int64]>([])
    private let open = Mutex<[TCPStream]>([])
    private let stopped = Atomic<Bool>(false)
    private let done = DispatchGroup()

    init(serve: @escaping @Sendable (TCPStream) -> Void) throws {
        listener = try TCPListener(port: 0)
        done.enter()
        Thread { [self] in
            while !stopped.load(ordering: .relaxed) {
                guard let stream = listener.accept(timeout: .milliseconds(50)) else { continue }
                accepted.withLock { $0.append(MonotonicClock.nanoseconds()) }
                open.withLock { $0.append(stream) }
                serve(stream)
            }
            done.leave()
        }.start()
    }

    var acceptTimes: [Int64] { accepted.withLock { $0 } }

    func stop() {
        stopped.store(true, ordering: .relaxed)
        listener.shutdown()
        done.wait()
        for stream in open.withLock({ $0 }) { stream.shutdown() }
    }
}

@Suite("Live client against misbehaving peers", .timeLimit(.minutes(1)))
struct ClientRobustnessTests {
    private func client(port: Int, heartbeatTimeout: Duration = .seconds(3)) -> (CollectingSink, IQFeedClient) {
        var configuration = IQFeedClientConfiguration(symbols: ["AAPL"], depth: .none)
        configuration.level1Port = port
        configuration.heartbeatTimeout = heartbeatTimeout
        let sink = CollectingSink()
        let client = IQFeedClient(configuration: configuration, sink: sink)
        client.start()
        return (sink, client)
    }

    @Test("a port that accepts and drops every connection is retried with growing waits, not hammered")
    func backoff() throws {
        let server = try RawServer { $0.shutdown() }
        defer { server.stop() }
        let (sink, client) = client(port: server.listener.port)
        #expect(waitUntil { sink.events.filter { if case .disconnected = $0 { true } else { false } }.count >= 4 })
        client.stop()
        let times = server.acceptTimes
        let waits = zip(times, times.dropFirst()).map { $1 - $0 }
        try #require(waits.count >= 3)
        for (index, wait) in waits.prefix(3).enumerated() {
            let backoff = Int64(100_000_000) << index
            #expect(wait >= backoff * 9 / 10, "wait \(index + 1) was \(wait) ns; the backoff is \(backoff) ns")
        }
    }

    @Test("lines that keep coming without heartbeats are still a dead link")
    func dataWithoutHeartbeats() throws {
        let server = try RawServer { stream in
            try? stream.send("T,20260101 09:30:00\r\n")
            for index in 0..<40 {
                guard (try? stream.send("Q,AAPL,1.\(index),100,,,,,,,,,,,,,,\r\n")) != nil else { return }
                MonotonicClock.sleep(nanoseconds: 25_000_000)
            }
            stream.shutdown()
        }
        defer { server.stop() }
        let (sink, client) = client(port: server.listener.port, heartbeatTimeout: .milliseconds(300))
        defer { client.stop() }
        #expect(waitUntil { sink.events.contains(.disconnected(port: .level1, reason: "no heartbeat for 0.3 s")) })
        #expect(sink.dataLines(.level1).count < 40, "the link was dropped while lines were still flowing")
    }

    @Test("a port that never sends a heartbeat on the first connection is not IQConnect: a clear failure")
    func silentPort() throws {
        let server = try RawServer { stream in try? stream.send("HELLO\r\n") }
        defer { server.stop() }
        let (sink, client) = client(port: server.listener.port, heartbeatTimeout: .milliseconds(300))
        defer { client.stop() }
        #expect(
            waitUntil {
                sink.events.contains {
                    if case .failed(let error) = $0 {
                        return error.message.contains("sent neither a T heartbeat nor any S line")
                    }
                    return false
                }
            }
        )
    }

    @Test("an outage still open when the client stops is recorded as a gap up to then")
    func openOutageAtStop() throws {
        let simulator = try startedSimulator(samplePlayback(count: 100))
        let (sink, client) = startedClient(of: simulator) { $0.depth = .none }
        #expect(waitUntil { sink.events.contains(.connected(port: .level1, attempt: 1)) })
        simulator.stop()
        #expect(waitUntil { sink.events.contains { if case .disconnected = $0 { true } else { false } } })
        client.stop()
        let gaps = sink.gaps
        try #require(gaps.count == 1)
        guard case .gap(let port, let start, let end, let reason) = gaps[0] else { return }
        #expect(port == .level1)
        #expect(start <= end)
        #expect(reason.hasSuffix("still down when the client stopped"))
    }

    @Test("unknown symbols are reported, not just recorded")
    func unknownSymbol() throws {
        let simulator = try startedSimulator(samplePlayback(count: 100))
        defer { simulator.stop() }
        let (sink, client) = startedClient(of: simulator) {
            $0.symbols = ["AAPL", "NOPE"]
            $0.depth = .none
        }
        defer { client.stop() }
        #expect(waitUntil { sink.events.contains(.unknownSymbol(port: .level1, symbol: "NOPE")) })
    }

    @Test("a reset fault aborts the connection: the client reconnects and keeps lines in order")
    func resetFault() throws {
        let playback = samplePlayback(count: 6_000)
        let simulator = try startedSimulator(playback) { $0.pace = .multiplied(0.004) }
        defer { simulator.stop() }
        let (sink, client) = startedClient(of: simulator)
        defer { client.stop() }
        #expect(waitUntil { sink.dataLines(.level1).count + sink.dataLines(.level2).count >= 300 })
        simulator.inject(.reset([.level1, .level2]))
        #expect(
            waitUntil {
                sink.events.contains(.connected(port: .level1, attempt: 2))
                    && sink.events.contains(.connected(port: .level2, attempt: 2))
            }
        )
        #expect(simulator.waitUntilFinished(timeout: .seconds(30)))
        expectEachConnectionReceivedAPrefix(simulator, playback, sink)
    }
}
