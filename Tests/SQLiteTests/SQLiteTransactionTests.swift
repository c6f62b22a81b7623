import SQLite
import Testing

@Suite("Transactions")
struct SQLiteTransactionTests {
    struct Abort: Error {}

    @Test("a transaction commits and returns the body's value")
    func commit() throws {
        try withTemporaryDatabase { database in
            try database.execute("CREATE TABLE t(x INTEGER)")
            let insert = try database.prepare("INSERT INTO t VALUES (?)")
            let inserted = try database.transaction {
                for x in 1...3 {
                    try insert.execute(x)
                }
                return database.lastInsertRowID
            }
            #expect(inserted == 3)
            #expect(database.changes == 1)
            #expect(try database.prepare("SELECT sum(x) FROM t").firstRow { $0.int(at: 0) } == 6)
        }
    }

    @Test("a thrown error rolls back and is rethrown unchanged")
    func rollback() throws {
        try withTemporaryDatabase { database in
            try database.execute("CREATE TABLE t(x INTEGER)")
            let insert = try database.prepare("INSERT INTO t VALUES (?)")
            try insert.execute(0)
            #expect(throws: Abort.self) {
                try database.transaction {
                    try insert.execute(1)
                    try insert.execute(2)
                    throw Abort()
                }
            }
            #expect(try database.prepare("SELECT count(*) FROM t").firstRow { $0.int(at: 0) } == 1)
            try database.transaction { try insert.execute(3) }
            #expect(try database.prepare("SELECT group_concat(x) FROM t").firstRow { $0.string(at: 0) } == "0,3")
        }
    }

    @Test("a SQL error inside the body rolls back")
    func rollbackOnSQLError() throws {
        try withTemporaryDatabase { database in
            try database.execute("CREATE TABLE t(x INTEGER PRIMARY KEY)")
            let insert = try database.prepare("INSERT INTO t VALUES (?)")
            let error = try #require(throws: SQLiteError.self) {
                try database.transaction {
                    try insert.execute(1)
                    try insert.execute(1)
                }
            }
            #expect(error.kind == .constraintViolation)
            #expect(try database.prepare("SELECT count(*) FROM t").firstRow { $0.int(at: 0) } == 0)
        }
    }

    @Test("transactions do not nest")
    func noNesting() throws {
        try withTemporaryDatabase { database in
            try database.execute("CREATE TABLE t(x INTEGER)")
            let error = try #require(throws: SQLiteError.self) {
                try database.transaction {
                    try database.execute("INSERT INTO t VALUES (1)")
                    try database.transaction {}
                }
            }
            #expect(error.message.contains("within a transaction"))
            #expect(try database.prepare("SELECT count(*) FROM t").firstRow { $0.int(at: 0) } == 0)
        }
    }
}
