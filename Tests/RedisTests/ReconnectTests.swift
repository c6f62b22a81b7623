import Redis
import SystemSupport
import Testing

@Suite("Losing and regaining the server", .timeLimit(.minutes(1)))
struct ReconnectTests {
    @Test("a killed server gives connectionLost, then connect errors, then the client reconnects after restart")
    func killAndRestart() throws {
        let server = try ManagedRedisServer()
        defer { server.stop() }
        let connection = try RedisConnection(host: server.host, port: server.port)
        _ = try connection.send(["SET", "status", "up"])

        server.kill()
        #expect(!server.isRunning)
        let lost = try #require(throws: RedisError.self) { try connection.send(["GET", "status"]) }
        #expect(lost.kind == .connectionLost)
        #expect(lost.message.contains("127.0.0.1:\(server.port)"))
        #expect(connection.isBroken)

        let refused = try #require(throws: RedisError.self) { try connection.send(["GET", "status"]) }
        #expect(refused.kind == .connect)
        #expect(refused.message.contains("127.0.0.1:\(server.port)"))
        #expect(refused.message.contains("is redis-server running?"))

        try server.restart()
        #expect(try connection.send(["SET", "status", "back"]) == .status("OK"))
        #expect(try connection.send(["GET", "status"]).string == "back")
        #expect(!connection.isBroken)
    }

    @Test("a pipeline on a killed server throws, and reconnect() restores the connection")
    func explicitReconnect() throws {
        let server = try ManagedRedisServer()
        defer { server.stop() }
        let connection = try RedisConnection(host: server.host, port: server.port)

        server.kill()
        let lost = try #require(throws: RedisError.self) { try connection.pipeline([["PING"], ["PING"]]) }
        #expect(lost.kind == .connectionLost)

        try server.restart()
        try connection.reconnect()
        #expect(!connection.isBroken)
        #expect(try connection.pipeline([["PING"], ["PING"]]) == [.status("PONG"), .status("PONG")])
    }

    @Test("a command that outlasts the command timeout is a timeout error, and the next command reconnects")
    func commandTimeout() throws {
        let server = try ManagedRedisServer()
        defer { server.stop() }
        let connection = try RedisConnection(host: server.host, port: server.port, commandTimeout: .milliseconds(200))

        let error = try #require(throws: RedisError.self) { try connection.send(["BLPOP", "empty-list", "10"]) }
        #expect(error.kind == .timeout)
        #expect(error.message.contains("127.0.0.1:\(server.port)"))
        #expect(connection.isBroken)
        #expect(try connection.send(["PING"]) == .status("PONG"))
    }

    @Test("connecting to a port nobody listens on is a connect error naming host:port")
    func nothingListening() throws {
        // A socket bound to a port but not listening: connections to it are refused, and no other test can take
        // the port while this one holds it.
        let socket = try LoopbackSocket()
        let port = socket.port

        let error = try #require(throws: RedisError.self) { try RedisConnection(port: port) }
        #expect(error.kind == .connect)
        #expect(error.message.contains("127.0.0.1:\(port)"))
        withExtendedLifetime(socket) {}
    }
}
