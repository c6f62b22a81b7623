import ClickHouse
import SystemSupport
import Testing

/// The client against a real `clickhouse-server` (each test starts its own, see ``ManagedClickHouseServer``).
@Suite("ClickHouse server round trips", .timeLimit(.minutes(2)))
struct ClickHouseServerTests {
    @Test("rows inserted twice into a ReplacingMergeTree count twice, and once with FINAL")
    func replacingMergeTree() throws {
        let server = try ManagedClickHouseServer()
        defer { server.stop() }
        let client = try ClickHouseClient(port: server.httpPort)
        try client.ping()
        try client.execute(
            """
            CREATE TABLE quotes (symbol String, seq UInt64, price Float64, received_ns UInt64)
            ENGINE = ReplacingMergeTree() ORDER BY (symbol, seq)
            """
        )
        var rows: [UInt8] = []
        for seq in 1...500 {
            ClickHouseTSV.appendEscaped(seq % 2 == 0 ? "AAPL" : "MSFT", to: &rows)
            rows.append(ClickHouseTSV.fieldSeparator)
            ClickHouseTSV.appendInteger(seq, to: &rows)
            rows += Array("\t101.25\t".utf8)
            ClickHouseTSV.appendInteger(1_700_000_000_000_000_000 + UInt64(seq), to: &rows)
            rows.append(ClickHouseTSV.rowTerminator)
        }
        try client.insert("INSERT INTO quotes FORMAT TabSeparated", body: rows)
        try rows.withUnsafeBytes { try client.insert("INSERT INTO quotes FORMAT TabSeparated", body: $0) }

        #expect(try client.query("SELECT count() FROM quotes") == "1000\n")
        #expect(try client.query("SELECT count() FROM quotes FINAL") == "500\n")
        #expect(
            try client.query("SELECT symbol, count() FROM quotes FINAL GROUP BY symbol ORDER BY symbol")
                == "AAPL\t250\nMSFT\t250\n"
        )
        #expect(try client.query("SELECT max(received_ns) FROM quotes") == "1700000000000000500\n")
    }

    @Test("strings with tabs, newlines, backslashes, commas and Unicode survive a TabSeparated round trip")
    func escapingRoundTrip() throws {
        let server = try ManagedClickHouseServer()
        defer { server.stop() }
        let client = try ClickHouseClient(port: server.httpPort)
        try client.execute("CREATE TABLE texts (id UInt32, s String) ENGINE = MergeTree() ORDER BY id")
        let strings = [
            "plain", "", "tab\there", "line\nbreak", "back\\slash", "\\t is not a tab", "comma, 'quote' \"dq\"",
            "crlf\r\n", "nul\u{0}byte", "Ünïcødé 📈 日本語", "\u{8}\u{C}", "trailing backslash\\",
        ]
        var rows: [UInt8] = []
        for (id, string) in strings.enumerated() {
            ClickHouseTSV.appendInteger(id, to: &rows)
            rows.append(ClickHouseTSV.fieldSeparator)
            ClickHouseTSV.appendEscaped(string, to: &rows)
            rows.append(ClickHouseTSV.rowTerminator)
        }
        try client.insert("INSERT INTO texts FORMAT TabSeparated", body: rows)

        let stored = try client.query("SELECT hex(s) FROM texts ORDER BY id")
        let expected = strings.map { string in
            string.utf8.map { byte in (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true) }.joined()
                + "\n"
        }
        #expect(stored == expected.joined())
    }

    @Test("bad SQL, an unknown table and an unparsable row give .server with ClickHouse's message")
    func serverErrors() throws {
        let server = try ManagedClickHouseServer()
        defer { server.stop() }
        let client = try ClickHouseClient(port: server.httpPort)

        let syntax = try #require(throws: ClickHouseError.self) { try client.query("SELEC 1") }
        #expect(syntax.kind == .server(code: 62))
        #expect(syntax.message.contains("127.0.0.1:\(server.httpPort)"))
        #expect(syntax.message.contains("Syntax error"))
        #expect(syntax.message.contains("`SELEC 1`"))

        let missing = try #require(throws: ClickHouseError.self) {
            try client.insert("INSERT INTO nowhere FORMAT TabSeparated", body: Array("1\n".utf8))
        }
        #expect(missing.kind == .server(code: 60))
        #expect(missing.message.contains("Table default.nowhere doesn't exist"))

        try client.execute("CREATE TABLE numbers_only (n UInt64) ENGINE = MergeTree() ORDER BY n")
        let parse = try #require(throws: ClickHouseError.self) {
            try client.insert("INSERT INTO numbers_only FORMAT TabSeparated", body: Array("1\nnot a number\n".utf8))
        }
        #expect(parse.kind == .server(code: 27))
        #expect(parse.message.contains("Cannot parse input"))

        // The failure comes after ClickHouse has produced rows: without wait_end_of_query it would be appended
        // to a 200 answer.
        let late = try #require(throws: ClickHouseError.self) {
            try client.query(
                "SELECT number, throwIf(number = 3000000) FROM numbers(4000000) SETTINGS max_block_size = 1000"
            )
        }
        #expect(late.kind == .server(code: 395))

        #expect(try client.query("SELECT 1") == "1\n")
    }

    @Test("credentials go in headers that 18.16 reads: a wrong password is refused without being shown")
    func credentials() throws {
        let server = try ManagedClickHouseServer()
        defer { server.stop() }
        #expect(try ClickHouseClient(port: server.httpPort, user: "default", password: "").query("SELECT 1") == "1\n")
        for user in ["default", nil] {
            let client = try ClickHouseClient(port: server.httpPort, user: user, password: "hunter2")
            let error = try #require(throws: ClickHouseError.self) { try client.query("SELECT 1") }
            #expect(error.kind == .server(code: 193))
            #expect(error.message.contains("Wrong password for user default"))
            #expect(!error.message.contains("hunter2"))
        }
        let stranger = try ClickHouseClient(port: server.httpPort, user: "nobody")
        try stranger.ping()
        let unknown = try #require(throws: ClickHouseError.self) { try stranger.query("SELECT 1") }
        #expect(unknown.kind == .server(code: 192))
        #expect(unknown.message.contains("Unknown user nobody"))
    }

    @Test("200,000 rows go in with one insert, and a large answer comes back chunked")
    func largeInsertAndResult() throws {
        let server = try ManagedClickHouseServer()
        defer { server.stop() }
        let client = try ClickHouseClient(port: server.httpPort)
        try client.execute("CREATE TABLE ticks (symbol String, seq UInt64) ENGINE = MergeTree() ORDER BY (symbol, seq)")
        var rows: [UInt8] = []
        rows.reserveCapacity(200_000 * 16)
        for seq in 0..<200_000 {
            ClickHouseTSV.appendEscaped("SYM\(seq % 7)", to: &rows)
            rows.append(ClickHouseTSV.fieldSeparator)
            ClickHouseTSV.appendInteger(seq, to: &rows)
            rows.append(ClickHouseTSV.rowTerminator)
        }
        try client.insert("INSERT INTO ticks FORMAT TabSeparated", body: rows)
        #expect(
            try client.query("SELECT count(), sum(seq), uniqExact(symbol) FROM ticks") == "200000\t19999900000\t7\n"
        )

        let answer = try client.query("SELECT seq FROM ticks ORDER BY seq")
        #expect(answer.utf8.count > 1_000_000)
        let lines = answer.split(separator: "\n")
        #expect(lines.count == 200_000)
        #expect(lines.first == "0")
        #expect(lines.last == "199999")
    }

    @Test("after the server stops, requests give .unreachable naming the server")
    func stoppedServer() throws {
        let server = try ManagedClickHouseServer()
        let client = try ClickHouseClient(port: server.httpPort)
        #expect(try client.query("SELECT 1") == "1\n")
        #expect(server.isRunning)
        server.stop()
        #expect(!server.isRunning)
        let error = try #require(throws: ClickHouseError.self) { try client.query("SELECT 1") }
        #expect(error.kind == .unreachable)
        #expect(error.message.contains("127.0.0.1:\(server.httpPort)"))
        let again = try #require(throws: ClickHouseError.self) { try client.ping() }
        #expect(again.kind == .unreachable)
    }

    @Test("two servers run side by side on their own ports and directories, and a killed one is unreachable")
    func twoServers() throws {
        let first = try ManagedClickHouseServer()
        defer { first.stop() }
        let second = try ManagedClickHouseServer()
        defer { second.stop() }
        #expect(Set([first.httpPort, first.tcpPort, second.httpPort, second.tcpPort]).count == 4)
        #expect(first.directory.path != second.directory.path)
        #expect(first.url == "http://127.0.0.1:\(first.httpPort)")

        let one = try ClickHouseClient(port: first.httpPort)
        let two = try ClickHouseClient(port: second.httpPort)
        try one.execute("CREATE TABLE only_here (x UInt8) ENGINE = Memory")
        #expect(try one.query("EXISTS TABLE only_here") == "1\n")
        #expect(try two.query("EXISTS TABLE only_here") == "0\n")

        second.kill()
        #expect(!second.isRunning)
        #expect(throws: ClickHouseError.self) { try two.ping() }
        try one.ping()
        #expect(second.logTail().contains("clickhouse-server"))
    }
}
