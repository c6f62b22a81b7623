import ClickHouse
import SystemSupport
import Testing

/// The HTTP layer against a scripted loopback server: framing, keep-alive, reconnects and errors.
@Suite("HTTP framing and errors", .timeLimit(.minutes(1)))
struct HTTPTests {
    private static func ok(_ body: String, _ extra: String = "") -> String {
        "HTTP/1.1 200 OK\r\nContent-Length: \(body.utf8.count)\r\nKeep-Alive: timeout=10\r\n\(extra)\r\n\(body)"
    }

    @Test("a chunked answer split across writes, with chunk extensions and trailer fields, is joined")
    func chunked() throws {
        let server = try ScriptedHTTPServer(replies: [
            .init(parts: [
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nKeep-Alive: timeout=10\r\n\r\n5\r\nhel",
                "lo\r\n7;name=value\r\n, world\r\n1A\r\n",
                "abcdefghijklmnopqrstuvwxyz\r\n0\r\nX-Trailer: yes\r\n\r\n",
            ]),
            .init(parts: [Self.ok("second\n")]),
        ])
        defer { server.stop() }
        let client = try ClickHouseClient(port: server.port)
        #expect(try client.query("SELECT 1") == "hello, worldabcdefghijklmnopqrstuvwxyz")
        #expect(try client.query("SELECT 2") == "second\n")
        #expect(server.connections == 1)
    }

    @Test("a Content-Length answer split across writes is read whole, and the connection is kept")
    func contentLength() throws {
        let server = try ScriptedHTTPServer(replies: [
            .init(parts: ["HTTP/1.1 200 OK\r\nContent-Le", "ngth: 10\r\n\r\n01234", "56789"]),
            .init(parts: [Self.ok("Ok.\n")]),
        ])
        defer { server.stop() }
        let client = try ClickHouseClient(port: server.port)
        #expect(try client.query("SELECT 1") == "0123456789")
        try client.ping()
        #expect(server.connections == 1)
        #expect(server.requests.last?.hasPrefix("GET /ping HTTP/1.1\r\n") == true)
    }

    @Test("a kept-alive connection the server closed is replaced before the next request")
    func reconnectsAfterServerClose() throws {
        let server = try ScriptedHTTPServer(replies: [
            .init(parts: [Self.ok("first\n")], close: true),
            .init(parts: [Self.ok("second\n")]),
        ])
        defer { server.stop() }
        let client = try ClickHouseClient(port: server.port)
        #expect(try client.query("SELECT 1") == "first\n")
        // On loopback the FIN has reached the client's socket when the server's shutdown returns.
        #expect(server.waitForClose())
        #expect(try client.query("SELECT 2") == "second\n")
        #expect(server.connections == 2)
    }

    @Test("an answer that says Connection: close, or Keep-Alive: timeout=0, is not reused")
    func honoursConnectionClose() throws {
        let server = try ScriptedHTTPServer(replies: [
            .init(parts: [Self.ok("a", "Connection: close\r\n")]),
            .init(parts: ["HTTP/1.1 200 OK\r\nContent-Length: 1\r\nKeep-Alive: timeout=0\r\n\r\nb"]),
            .init(parts: [Self.ok("c")]),
        ])
        defer { server.stop() }
        let client = try ClickHouseClient(port: server.port)
        #expect(try client.query("SELECT 1") == "a")
        #expect(try client.query("SELECT 2") == "b")
        #expect(try client.query("SELECT 3") == "c")
        #expect(server.connections == 3)
    }

    @Test("requests carry the SQL, the URL-encoded INSERT, the database and the credential headers")
    func requestShape() throws {
        let server = try ScriptedHTTPServer(replies: [
            .init(parts: [Self.ok("")]),
            .init(parts: [Self.ok("")]),
        ])
        defer { server.stop() }
        let client = try ClickHouseClient(port: server.port, database: "md", user: "alice", password: "s3cret")
        try client.execute("CREATE TABLE t (x UInt8) ENGINE = Memory")
        try client.insert("INSERT INTO t FORMAT TabSeparated", body: Array("1\n2\n".utf8))
        let requests = server.requests
        try #require(requests.count == 2)
        #expect(requests[0].hasPrefix("POST /?database=md HTTP/1.1\r\n"))
        #expect(requests[0].hasSuffix("\r\n\r\nCREATE TABLE t (x UInt8) ENGINE = Memory"))
        #expect(requests[1].hasPrefix("POST /?database=md&query=INSERT%20INTO%20t%20FORMAT%20TabSeparated HTTP/1.1"))
        #expect(requests[1].hasSuffix("\r\n\r\n1\n2\n"))
        for request in requests {
            #expect(request.contains("\r\nX-ClickHouse-User: alice\r\n"))
            #expect(request.contains("\r\nX-ClickHouse-Key: s3cret\r\n"))
        }
    }

    @Test("an error answer gives .server with the code from the header or the body, never the password")
    func serverErrors() throws {
        let body = "Code: 60, e.displayText() = DB::Exception: Table md.t doesn't exist., e.what() = DB::Exception\n"
        let server = try ScriptedHTTPServer(replies: [
            .init(parts: [
                "HTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\n\r\n",
                "\(String(body.utf8.count, radix: 16))\r\n\(body)\r\n0\r\n\r\n",
            ]),
            .init(parts: [
                "HTTP/1.1 500 Internal Server Error\r\nX-ClickHouse-Exception-Code: 81\r\nContent-Length: 4\r\n\r\nboom"
            ]),
            .init(parts: ["HTTP/1.1 403 Forbidden\r\nContent-Length: 7\r\n\r\nno way\n"]),
        ])
        defer { server.stop() }
        let client = try ClickHouseClient(port: server.port, user: "alice", password: "s3cret")

        let missing = try #require(throws: ClickHouseError.self) { try client.query("SELECT * FROM t") }
        #expect(missing.kind == .server(code: 60))
        #expect(missing.message.contains("127.0.0.1:\(server.port)"))
        #expect(missing.message.contains("Code: 60, DB::Exception: Table md.t doesn't exist."))
        #expect(missing.message.contains("SELECT * FROM t"))
        #expect(!missing.message.contains("e.what()"))

        let coded = try #require(throws: ClickHouseError.self) { try client.execute("DROP DATABASE x") }
        #expect(coded.kind == .server(code: 81))

        let forbidden = try #require(throws: ClickHouseError.self) { try client.execute("SELECT 1") }
        #expect(forbidden.kind == .protocolError)
        #expect(forbidden.message.contains("HTTP 403 Forbidden and no ClickHouse error code: no way"))
        for error in [missing, coded, forbidden] {
            #expect(!error.message.contains("s3cret"))
        }
    }

    @Test("the SQL in a message is cut to 200 characters on one line")
    func sqlExcerpt() throws {
        let body = "Code: 62, e.displayText() = x\nmore"
        let server = try ScriptedHTTPServer(replies: [
            .init(parts: ["HTTP/1.1 400 Bad Request\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"])
        ])
        defer { server.stop() }
        let client = try ClickHouseClient(port: server.port)
        let sql = "SELECT\n" + String(repeating: "a", count: 300)
        let error = try #require(throws: ClickHouseError.self) { try client.query(sql) }
        #expect(error.kind == .server(code: 62))
        #expect(error.message.contains("SELECT " + String(repeating: "a", count: 193) + "…"))
        #expect(!error.message.contains(String(repeating: "a", count: 194)))
        #expect(!error.message.contains("more"))
    }

    @Test("bytes that are not HTTP give .protocolError")
    func notHTTP() throws {
        let server = try ScriptedHTTPServer(replies: [.init(parts: ["SSH-2.0-OpenSSH_9.2\r\n"])])
        defer { server.stop() }
        let client = try ClickHouseClient(port: server.port)
        let error = try #require(throws: ClickHouseError.self) { try client.ping() }
        #expect(error.kind == .protocolError)
        #expect(error.message.contains("SSH-2.0"))
    }

    @Test("a server that never answers gives .timedOut after the client's timeout")
    func timesOut() throws {
        let server = try ScriptedHTTPServer(replies: [])
        defer { server.stop() }
        let client = try ClickHouseClient(port: server.port, timeout: .milliseconds(200))
        let error = try #require(throws: ClickHouseError.self) { try client.query("SELECT sleep(3)") }
        #expect(error.kind == .timedOut)
        #expect(error.message.contains("127.0.0.1:\(server.port)"))
        #expect(error.message.contains("SELECT sleep(3)"))
    }

    @Test("a port nobody listens on gives .unreachable naming host:port and what to do")
    func unreachable() throws {
        let port = try LoopbackPort.free()
        let error = try #require(throws: ClickHouseError.self) { try ClickHouseClient(port: port) }
        #expect(error.kind == .unreachable)
        #expect(error.message.contains("127.0.0.1:\(port)"))
        #expect(error.message.contains("start clickhouse-server"))
    }

    @Test("a line break in the password is refused without showing it")
    func passwordWithLineBreak() throws {
        let error = try #require(throws: ClickHouseError.self) {
            try ClickHouseClient(port: 8123, password: "hunter2\r\nX-Injected: 1")
        }
        #expect(error.kind == .protocolError)
        #expect(!error.message.contains("hunter2"))
    }
}
