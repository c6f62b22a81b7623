import ClickHouse
import Foundation
import Pipeline
import Redis
import SystemSupport
import Testing

@Suite("Replay into a real ClickHouse", .serialized, .timeLimit(.minutes(3)))
struct ClickHouseReplayTests {
    @Test("LOBSTER into ClickHouse: every event stored once and equal to the reference; Redis holds the top")
    func lobsterIntoClickHouse() throws {
        let directory = try TemporaryDirectory()
        defer { try? directory.remove() }
        let clickhouse = try ManagedClickHouseServer()
        defer { clickhouse.stop() }
        let redis = try ManagedRedisServer()
        defer { redis.stop() }
        var configuration = replayConfiguration(
            in: directory,
            redis: .external(host: redis.host, port: redis.port, password: nil)
        )
        configuration.sink = .clickhouse(ClickHouseEndpoint(host: clickhouse.host, port: clickhouse.httpPort))
        let result = try ReplayRun(configuration: configuration).run()
        expectClean(result, events: Fixtures.lobsterEvents)

        let client = try ClickHouseClient(port: clickhouse.httpPort)
        let counts = try client.query("SELECT count(), uniqExact(seq) FROM events FINAL FORMAT TabSeparated")
        #expect(counts.trimmingCharacters(in: .whitespacesAndNewlines) == "582\t582")
        let top = try client.query(
            "SELECT bid, bid_size, ask, ask_size FROM events FINAL ORDER BY seq DESC LIMIT 1 FORMAT TabSeparated"
        )
        #expect(top.trimmingCharacters(in: .whitespacesAndNewlines) == "585.36\t100\t585.42\t320")
        let reply = try RedisConnection(host: redis.host, port: redis.port)
            .send(["HMGET", "md:top:AAPL", "bid", "ask"])
        guard case .array(let fields) = reply else {
            Issue.record("HMGET answered \(reply)")
            return
        }
        #expect(fields.map(\.string) == ["585.3600", "585.4200"])
    }
}
