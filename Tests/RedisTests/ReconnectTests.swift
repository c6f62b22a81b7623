import Glibc
import Redis
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
        let socket = try BoundLoopbackSocket()
        let port = socket.port

        let error = try #require(throws: RedisError.self) { try RedisConnection(port: port) }
        #expect(error.kind == .connect)
        #expect(error.message.contains("127.0.0.1:\(port)"))
        withExtendedLifetime(socket) {}
    }
}

/// A TCP socket bound to a free loopback port without listening; closed when released.
private final class BoundLoopbackSocket {
    let descriptor: Int32
    let port: Int

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                bind(descriptor, address, length) == 0 && getsockname(descriptor, address, &length) == 0
            }
        }
        guard descriptor >= 0, bound else {
            close(descriptor)
            throw BindFailed()
        }
        self.descriptor = descriptor
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit {
        close(descriptor)
    }

    private struct BindFailed: Error {}
}
