import SQLite
import Testing

@Suite("SQL errors carry code, message and SQL")
struct SQLiteErrorTests {
    @Test("a syntax error from prepare")
    func syntaxError() throws {
        try withTemporaryDatabase { database in
            let sql = "SELEKT 1"
            let error = try #require(throws: SQLiteError.self) {
                try database.prepare(sql)
            }
            #expect(error.kind == .sqlError)
            #expect(error.code == .error)
            #expect(error.message.contains("syntax error"))
            #expect(error.sql == sql)
            #expect(error.path == database.path)
            #expect(error.description.contains(sql))
            #expect(error.description.contains(database.path))
        }
    }

    @Test("a syntax error from execute")
    func executeSyntaxError() throws {
        try withTemporaryDatabase { database in
            let sql = "CREATE TABLE t(x); INSERT INTO nowhere VALUES (1)"
            let error = try #require(throws: SQLiteError.self) {
                try database.execute(sql)
            }
            #expect(error.code == .error)
            #expect(error.message.contains("no such table: nowhere"))
            #expect(error.sql == sql)
        }
    }

    @Test("a duplicate primary key is SQLITE_CONSTRAINT_PRIMARYKEY")
    func duplicatePrimaryKey() throws {
        try withTemporaryDatabase { database in
            try database.execute("CREATE TABLE events(seq INTEGER PRIMARY KEY, line TEXT NOT NULL)")
            let sql = "INSERT INTO events(seq, line) VALUES (?, ?)"
            let insert = try database.prepare(sql)
            try insert.execute(1, "first")
            let error = try #require(throws: SQLiteError.self) {
                try insert.execute(1, "again")
            }
            #expect(error.kind == .constraintViolation)
            #expect(error.code == .constraint)
            #expect(error.extendedCode == .constraintPrimaryKey)
            #expect(error.message.contains("UNIQUE constraint failed: events.seq"))
            #expect(error.sql == sql)
            #expect(error.description.contains(sql))

            try insert.execute(2, "the statement is usable after an error")
            #expect(try database.prepare("SELECT count(*) FROM events").firstRow { $0.int(at: 0) } == 2)
        }
    }

    @Test("NULL in a NOT NULL column is SQLITE_CONSTRAINT_NOTNULL")
    func notNull() throws {
        try withTemporaryDatabase { database in
            try database.execute("CREATE TABLE events(seq INTEGER PRIMARY KEY, line TEXT NOT NULL)")
            let error = try #require(throws: SQLiteError.self) {
                try database.prepare("INSERT INTO events(seq, line) VALUES (?, ?)").execute(1, String?.none)
            }
            #expect(error.extendedCode == .constraintNotNull)
        }
    }

    @Test("a wrong number of values is .misuse")
    func wrongValueCount() throws {
        try withTemporaryDatabase { database in
            try database.execute("CREATE TABLE t(a, b)")
            let insert = try database.prepare("INSERT INTO t VALUES (?, ?)")
            let tooFew = try #require(throws: SQLiteError.self) { try insert.execute(1) }
            #expect(tooFew.kind == .misuse)
            #expect(tooFew.message.contains("2 parameters but 1 values"))
            let tooMany = try #require(throws: SQLiteError.self) { try insert.execute(1, 2, 3) }
            #expect(tooMany.code == .range)
            #expect(tooMany.message.contains("2 parameters but 3 values"))
            #expect(try database.prepare("SELECT count(*) FROM t").firstRow { $0.int(at: 0) } == 0)
        }
    }

    @Test("prepare rejects text with no statement or several")
    func notOneStatement() throws {
        try withTemporaryDatabase { database in
            let several = try #require(throws: SQLiteError.self) { try database.prepare("SELECT 1; SELECT 2") }
            #expect(several.kind == .misuse)
            #expect(several.message.contains("more than one"))
            let none = try #require(throws: SQLiteError.self) { try database.prepare("  -- nothing ") }
            #expect(none.message.contains("no SQL statement"))
            #expect(try database.prepare("SELECT 1; -- a trailing comment\n").firstRow { $0.int(at: 0) } == 1)
        }
    }
}
