import Redis
import Testing

@Suite("AUTH against a server with requirepass", .timeLimit(.minutes(1)))
struct AuthTests {
    @Test("the right password works, also after a reconnect")
    func rightPassword() throws {
        let server = try ManagedRedisServer(password: "s3cret pass")
        defer { server.stop() }
        let connection = try RedisConnection(host: server.host, port: server.port, password: "s3cret pass")

        #expect(try connection.send(["SET", "k", "v"]) == .status("OK"))
        try connection.reconnect()
        #expect(try connection.send(["GET", "k"]).string == "v")
    }

    @Test("a wrong password is an auth error with a clear message")
    func wrongPassword() throws {
        let server = try ManagedRedisServer(password: "s3cret")
        defer { server.stop() }

        let error = try #require(throws: RedisError.self) {
            try RedisConnection(host: server.host, port: server.port, password: "wrong")
        }
        #expect(error.kind == .auth)
        #expect(error.message.contains("127.0.0.1:\(server.port)"))
        #expect(error.message.contains("rejected the password"))
    }

    @Test("no password against a server that needs one is an auth error on the first command")
    func missingPassword() throws {
        let server = try ManagedRedisServer(password: "s3cret")
        defer { server.stop() }
        let connection = try RedisConnection(host: server.host, port: server.port)

        let error = try #require(throws: RedisError.self) { try connection.send(["GET", "k"]) }
        #expect(error.kind == .auth)
        #expect(error.message.contains("NOAUTH"))
    }
}
