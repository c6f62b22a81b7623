import Redis
import Testing

@Suite("Pipelining against a managed redis-server", .timeLimit(.minutes(2)))
struct PipelineTests {
    @Test("100,000 pipelined HSETs with binary keys, fields and values read back equal")
    func binarySafeHashRoundTrip() throws {
        let server = try ManagedRedisServer()
        defer { server.stop() }
        let connection = try RedisConnection(host: server.host, port: server.port)

        let total = 100_000
        let batch = 1_000
        let keyCount = 100
        func key(_ index: Int) -> [UInt8] { [0x00, 0xFF] + Array("book:\(index % keyCount)".utf8) + [0x00] }
        func field(_ index: Int) -> [UInt8] { Array("f\(index)".utf8) + [0x00, 0x0D, 0x0A] }
        func value(_ index: Int) -> [UInt8] { [0x00] + Array("\(index * 7)\r\n$-1".utf8) + [0x00, 0x80] }

        for start in stride(from: 0, to: total, by: batch) {
            let commands: [[RedisArgument]] = (start..<start + batch).map { index in
                ["HSET", .bytes(key(index)), .bytes(field(index)), .bytes(value(index))]
            }
            let replies = try connection.pipeline(commands)
            #expect(replies == Array(repeating: .integer(1), count: batch))
        }

        var mismatches = 0
        for start in stride(from: 0, to: total, by: batch) {
            let commands: [[RedisArgument]] = (start..<start + batch).map { index in
                ["HGET", .bytes(key(index)), .bytes(field(index))]
            }
            let replies = try connection.pipeline(commands)
            for (offset, reply) in replies.enumerated() where reply != .bulk(value(start + offset)) {
                mismatches += 1
            }
        }
        #expect(mismatches == 0)

        let sizes = try connection.pipeline((0..<keyCount).map { ["HLEN", .bytes(key($0))] })
        #expect(sizes == Array(repeating: .integer(Int64(total / keyCount)), count: keyCount))
    }

    @Test("HGETALL returns fields and values as bulk strings")
    func hashGetAll() throws {
        let server = try ManagedRedisServer()
        defer { server.stop() }
        let connection = try RedisConnection(host: server.host, port: server.port)

        _ = try connection.send(["HSET", "book:AAPL", "bid", "189.5", "ask", .bytes([0x00, 0x01])])
        let reply = try connection.send(["HGETALL", "book:AAPL"])
        #expect(
            reply
                == .array([
                    .bulk(Array("bid".utf8)), .bulk(Array("189.5".utf8)), .bulk(Array("ask".utf8)),
                    .bulk([0x00, 0x01]),
                ])
        )
        #expect(try connection.send(["HGET", "book:AAPL", "bid"]).string == "189.5")
        #expect(try connection.send(["HGET", "book:AAPL", "last"]) == .null)
        #expect(try connection.send(["PING"]) == .status("PONG"))
    }
}
