import Capture
import Foundation
import Pipeline
import Redis
import SystemSupport
import Testing

@Suite("Replay while Redis dies and comes back", .serialized, .timeLimit(.minutes(3)))
struct RedisOutageTests {
    @Test("Redis killed mid-replay: nothing is held up or lost; once back it holds every symbol's last top")
    func redisKilledAndRestarted() throws {
        let directory = try TemporaryDirectory()
        defer { try? directory.remove() }
        let redis = try ManagedRedisServer()
        defer { redis.stop() }
        var configuration = replayConfiguration(
            capture: Fixtures.multiSymbol,
            in: directory,
            redis: .external(host: redis.host, port: redis.port, password: nil)
        )
        configuration.pace = .rate(2_500)
        let run = ReplayRun(configuration: configuration)
        startThread(named: "redis-fault") {
            guard eventually(timeout: .seconds(60), { run.counters.stored.value >= 1_500 }) else { return }
            redis.kill()
            guard eventually(timeout: .seconds(60), { run.counters.redisErrors.value > 0 }) else { return }
            _ = eventually(timeout: .seconds(60)) { run.counters.stored.value >= 4_000 }
            try? redis.restart()
        }
        let result = try run.run()
        expectClean(result, events: Fixtures.multiSymbolEvents)
        #expect(result.counters.redisErrors.value > 0)

        // Each symbol's last event in the capture is the seq Redis holds for it.
        var lastSeq: [String: Int64] = [:]
        try CaptureReader(path: Fixtures.multiSymbol).forEachEvent { event in
            if let symbol = event.symbol { lastSeq[symbol] = event.seq }
        }
        let connection = try RedisConnection(host: redis.host, port: redis.port)
        for (symbol, seq) in lastSeq.sorted(by: { $0.key < $1.key }) {
            let reply = try connection.send(["HGET", "md:top:\(symbol)", "seq"])
            #expect(reply.string == String(seq), "\(symbol)")
        }
    }
}
