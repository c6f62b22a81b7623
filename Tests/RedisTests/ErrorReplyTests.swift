import Redis
import Testing

@Suite("Error replies", .timeLimit(.minutes(1)))
struct ErrorReplyTests {
    @Test("a wrong-type command inside a pipeline yields .error for that command only")
    func wrongTypeInPipeline() throws {
        let server = try ManagedRedisServer()
        defer { server.stop() }
        let connection = try RedisConnection(host: server.host, port: server.port)

        let replies = try connection.pipeline([
            ["SET", "quote", "1"],
            ["HSET", "quote", "bid", "2"],
            ["INCR", "quote"],
            ["GET", "quote"],
        ])
        try #require(replies.count == 4)
        #expect(replies[0] == .status("OK"))
        #expect(replies[1].string?.hasPrefix("WRONGTYPE") == true)
        if case .error = replies[1] {
        } else {
            Issue.record("expected an error reply, got \(replies[1])")
        }
        #expect(replies[2] == .integer(2))
        #expect(replies[3] == .bulk(Array("2".utf8)))
        #expect(!connection.isBroken)
    }

    @Test("send throws a server error reply as RedisError.server and the connection stays usable")
    func sendThrowsServerError() throws {
        let server = try ManagedRedisServer()
        defer { server.stop() }
        let connection = try RedisConnection(host: server.host, port: server.port)

        _ = try connection.send(["SET", "quote", "1"])
        let error = try #require(throws: RedisError.self) { try connection.send(["HGET", "quote", "bid"]) }
        #expect(error.kind == .server)
        #expect(error.message.contains("127.0.0.1:\(server.port)"))
        #expect(error.message.contains("HGET"))
        #expect(error.message.contains("WRONGTYPE"))
        #expect(try connection.send(["GET", "quote"]).string == "1")
    }

    @Test("an empty command is refused with an error, before anything is sent")
    func emptyCommand() throws {
        let server = try ManagedRedisServer()
        defer { server.stop() }
        let connection = try RedisConnection(host: server.host, port: server.port)
        let error = try #require(throws: RedisError.self) { try connection.send([]) }
        #expect(error.message.contains("empty Redis command"))
        #expect(throws: RedisError.self) { try connection.pipeline([["PING"], []]) }
        #expect(try connection.send(["PING"]) == .status("PONG"))
    }
}
