import Redis
import Testing

@Suite("One connection shared between tasks", .timeLimit(.minutes(1)))
struct SharedConnectionTests {
    @Test("commands from concurrent tasks are serialized and none is lost")
    func concurrentIncrements() async throws {
        let server = try ManagedRedisServer()
        defer { server.stop() }
        let connection = try RedisConnection(host: server.host, port: server.port)

        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    for _ in 0..<250 {
                        _ = try connection.send(["INCR", "counter"])
                    }
                    _ = try connection.pipeline(Array(repeating: ["INCR", "counter"], count: 250))
                }
            }
            try await group.waitForAll()
        }
        #expect(try connection.send(["GET", "counter"]).string == "4000")
    }
}
