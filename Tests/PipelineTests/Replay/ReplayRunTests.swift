import Capture
import Foundation
import MarketData
import Pipeline
import Redis
import SQLite
import SystemSupport
import Testing

@Suite("Replay through the whole pipeline", .serialized, .timeLimit(.minutes(3)))
struct ReplayRunTests {
    @Test("LOBSTER end to end: every event stored once, in order, traced, equal to the run without Kafka")
    func lobsterEndToEnd() throws {
        let directory = try TemporaryDirectory()
        defer { try? directory.remove() }
        let redis = try ManagedRedisServer()
        defer { redis.stop() }
        let run = ReplayRun(
            configuration: replayConfiguration(
                in: directory,
                redis: .external(host: redis.host, port: redis.port, password: nil)
            )
        )
        let result = try run.run()
        expectClean(result, events: Fixtures.lobsterEvents)
        #expect(result.audit.snapshots["final"] == 1)

        // The last event's stored top of book is LOBSTER's true book after its last message (ask 585.42 x 320,
        // bid 585.36 x 100), and Redis holds the same.
        let sink = try #require(run.sqliteSinkPath)
        let database = try SQLiteDatabase(path: sink, mode: .readOnly)
        let top = try database.prepare("SELECT bid, bid_size, ask, ask_size FROM events ORDER BY seq DESC LIMIT 1")
            .firstRow { ($0.double(at: 0), $0.int(at: 1), $0.double(at: 2), $0.int(at: 3)) }
        #expect(top?.0 == 585.36 && top?.1 == 100 && top?.2 == 585.42 && top?.3 == 320)
        let connection = try RedisConnection(host: redis.host, port: redis.port)
        let reply = try connection.send(["HMGET", "md:top:AAPL", "seq", "bid", "bid_size", "ask", "ask_size"])
        guard case .array(let fields) = reply else {
            Issue.record("HMGET answered \(reply)")
            return
        }
        #expect(fields.map(\.string) == ["582", "585.3600", "100", "585.4200", "320"])
    }

    @Test("A graceful stop mid-replay stores everything published before it and says what was left")
    func gracefulStop() throws {
        let directory = try TemporaryDirectory()
        defer { try? directory.remove() }
        var configuration = replayConfiguration(in: directory)
        configuration.pace = .rate(200)
        let run = ReplayRun(configuration: configuration)
        let stopper = Thread {
            _ = eventually(timeout: .seconds(60)) { run.counters.emitted.value >= 100 }
            run.requestStop(force: false)
        }
        stopper.start()
        let result = try run.run()
        let audit = result.audit
        #expect(result.interrupted)
        #expect(result.drained)
        #expect(audit.published >= 100 && audit.published < Fixtures.lobsterEvents)
        #expect(audit.stored == audit.published)
        #expect(audit.lost == 0)
        #expect(audit.notPublishedAfterStop == Fixtures.lobsterEvents - audit.published)
        #expect(audit.referenceMismatches == 0)
    }

    @Test("A forced stop waits for nothing and still accounts for every event of the capture")
    func forcedStop() throws {
        let directory = try TemporaryDirectory()
        defer { try? directory.remove() }
        var configuration = replayConfiguration(capture: Fixtures.multiSymbol, in: directory)
        configuration.pace = .rate(500)
        let run = ReplayRun(configuration: configuration)
        startThread(named: "stopper") {
            _ = eventually(timeout: .seconds(60)) { run.counters.emitted.value >= 200 }
            run.requestStop(force: true)
        }
        let result = try run.run()
        let audit = result.audit
        #expect(result.interrupted)
        #expect(!result.drained)
        #expect(audit.published >= 200 && audit.published < Fixtures.multiSymbolEvents)
        // Every event of the capture is in exactly one place: stored, lost (in flight when forced), or never sent.
        #expect(audit.captureEvents == Fixtures.multiSymbolEvents)
        #expect(audit.stored + audit.lost + audit.notPublishedAfterStop == audit.captureEvents)
        #expect(audit.referenceMismatches == 0)
    }

    @Test("Corrupt lines replay, are stored apart with their reason, and are reported")
    func corruptLines() throws {
        let directory = try TemporaryDirectory()
        defer { try? directory.remove() }
        let capture = try copyOfCapture(Fixtures.lobster, in: directory, name: "corrupt.sqlite")
        let database = try SQLiteDatabase(path: capture, mode: .readWrite)
        try database.execute("UPDATE events SET line = '8,AAPL,585.x,100,A,' WHERE seq IN (30, 31, 200)")
        try database.execute("UPDATE events SET line = 'Q,AAPL,' || char(255) || ',' WHERE seq = 300")
        let run = ReplayRun(configuration: replayConfiguration(capture: capture, in: directory))
        let result = try run.run()
        let audit = result.audit
        #expect(audit.lost == 0)
        #expect(audit.stored == Fixtures.lobsterEvents)
        #expect(audit.badLinesStored == 4)
        #expect(audit.referenceMismatches == 0)
        #expect(result.counters.badLines.value == 4)
        let sink = try #require(run.sqliteSinkPath)
        #expect(try integer("SELECT count(*) FROM bad_lines WHERE reason <> ''", in: sink) == 4)
        #expect(try integer("SELECT count(*) FROM events", in: sink) == Fixtures.lobsterEvents - 4)
    }

    @Test("An unreachable Kafka is an infrastructure error naming it")
    func unreachableKafka() throws {
        let directory = try TemporaryDirectory()
        defer { try? directory.remove() }
        let port = try LoopbackPort.free()
        var configuration = replayConfiguration(in: directory)
        configuration.kafka = .external(bootstrapServers: "127.0.0.1:\(port)")
        configuration.startupTimeout = .seconds(3)
        let error = try #require(throws: PipelineError.self) { try ReplayRun(configuration: configuration).run() }
        #expect(error.kind == .infrastructure)
        #expect(error.message.contains("127.0.0.1:\(port)"))
    }

    @Test("An unreachable ClickHouse is an infrastructure error naming it")
    func unreachableClickHouse() throws {
        let directory = try TemporaryDirectory()
        defer { try? directory.remove() }
        let port = try LoopbackPort.free()
        var configuration = replayConfiguration(in: directory)
        configuration.sink = .clickhouse(ClickHouseEndpoint(host: "127.0.0.1", port: port))
        let error = try #require(throws: PipelineError.self) { try ReplayRun(configuration: configuration).run() }
        #expect(error.kind == .infrastructure)
        #expect(error.message.contains("127.0.0.1:\(port)"))
    }
}
