import SQLite
import Testing

@Suite("Value round trips")
struct SQLiteValueTests {
    /// A value with a short name, so that large test arguments print briefly.
    struct Sample<Value: Sendable>: Sendable, CustomTestStringConvertible {
        let testDescription: String
        let value: Value
    }

    static let texts: [Sample<String>] = [
        Sample(testDescription: "empty", value: ""),
        Sample(testDescription: "one letter", value: "a"),
        Sample(testDescription: "non-ASCII", value: "Zürich ✓ 株価 🚀"),
        Sample(testDescription: "control characters", value: "tab\tand\r\nnewline"),
        Sample(testDescription: "zero character", value: "embedded\u{0}zero"),
        Sample(testDescription: "100 kB", value: String(repeating: "x", count: 100_000)),
    ]
    static let blobs: [Sample<[UInt8]>] = [
        Sample(testDescription: "empty", value: []),
        Sample(testDescription: "one zero", value: [0]),
        Sample(testDescription: "three zeros", value: [0, 0, 0]),
        Sample(testDescription: "zeros inside", value: [0xFF, 0, 1, 0x80, 0]),
        Sample(testDescription: "all byte values", value: Array(0...255)),
        Sample(testDescription: "70 kB of zeros", value: [UInt8](repeating: 0, count: 70_000)),
    ]

    @Test("text round trips, including empty and non-ASCII", arguments: texts)
    func text(_ sample: Sample<String>) throws {
        let text = sample.value
        try withTemporaryDatabase { database in
            try database.execute("CREATE TABLE t(v)")
            try database.prepare("INSERT INTO t VALUES (?)").execute(text)
            let select = try database.prepare("SELECT v, typeof(v), length(CAST(v AS BLOB)) FROM t")
            var rows = 0
            try select.forEachRow { row in
                #expect(row.string(at: 0) == text)
                #expect(row.value(at: 0) == .text(text))
                #expect(!row.isNull(at: 0))
                #expect(row.string(at: 1) == "text")
                #expect(row.int(at: 2) == text.utf8.count)
                #expect(row.blob(at: 0) == Array(text.utf8))
                rows += 1
            }
            #expect(rows == 1)
        }
    }

    @Test("blob round trips, including empty and zero bytes", arguments: blobs)
    func blob(_ sample: Sample<[UInt8]>) throws {
        let bytes = sample.value
        try withTemporaryDatabase { database in
            try database.execute("CREATE TABLE t(v)")
            try database.prepare("INSERT INTO t VALUES (?)").execute(bytes)
            let select = try database.prepare("SELECT v, typeof(v), length(v) FROM t")
            let read = try select.firstRow { row in
                #expect(row.string(at: 1) == "blob")
                #expect(row.int(at: 2) == bytes.count)
                #expect(row.value(at: 0) == .blob(bytes))
                #expect(row.withUnsafeBytes(at: 0) { $0.elementsEqual(bytes) })
                return row.blob(at: 0)
            }
            #expect(read == bytes)
        }
    }

    @Test("NULL binds from nil and .null, and reads as NULL")
    func null() throws {
        try withTemporaryDatabase { database in
            try database.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, v)")
            let insert = try database.prepare("INSERT INTO t VALUES (?, ?)")
            try insert.execute(1, String?.none)
            try insert.execute(2, SQLiteValue.null)
            try insert.bind(3, at: 1)
            try insert.bindNull(at: 2)
            try insert.execute()
            try insert.execute(4, Int64?.some(7))
            var nulls = 0
            try database.prepare("SELECT v FROM t WHERE id <= 3").forEachRow { row in
                #expect(row.isNull(at: 0))
                #expect(row.value(at: 0) == .null)
                #expect(row.int64(at: 0) == 0)
                #expect(row.string(at: 0) == "")
                #expect(row.blob(at: 0) == [])
                nulls += 1
            }
            #expect(nulls == 3)
            #expect(try database.prepare("SELECT v FROM t WHERE id = 4").firstRow { $0.value(at: 0) } == .integer(7))
        }
    }

    @Test("numbers round trip at their limits")
    func numbers() throws {
        try withTemporaryDatabase { database in
            try database.execute("CREATE TABLE t(i INTEGER, r REAL)")
            let insert = try database.prepare("INSERT INTO t VALUES (?, ?)")
            let values: [(Int64, Double)] = [
                (.min, -0.0), (.max, .greatestFiniteMagnitude), (0, 1e-300), (-1, 190.125),
            ]
            for (integer, real) in values {
                try insert.execute(integer, real)
            }
            var read: [(Int64, Double)] = []
            try database.prepare("SELECT i, r FROM t ORDER BY rowid").forEachRow { row in
                read.append((row.int64(at: 0), row.double(at: 1)))
            }
            #expect(read.map(\.0) == values.map(\.0))
            #expect(read.map(\.1) == values.map(\.1))
        }
    }

    @Test("values bind by index and as SQLiteValue, and columns have names")
    func bindByIndex() throws {
        try withTemporaryDatabase { database in
            try database.execute("CREATE TABLE t(i, r, s, b, n)")
            let insert = try database.prepare("INSERT INTO t VALUES (?, ?, ?, ?, ?)")
            let row: [SQLiteValue] = [42, 2.5, "ÄÖÜ", .blob([1, 0, 2]), nil]
            for (offset, value) in row.enumerated() {
                try insert.bind(value, at: offset + 1)
            }
            try insert.execute()
            insert.clearBindings()
            try insert.execute()
            let select = try database.prepare("SELECT i, r, s, b, n FROM t ORDER BY rowid")
            #expect(select.columnCount == 5)
            #expect((0..<5).map { select.columnName(at: $0) } == ["i", "r", "s", "b", "n"])
            var rows: [[SQLiteValue]] = []
            try select.forEachRow { row in
                rows.append((0..<row.count).map { row.value(at: $0) })
            }
            #expect(rows == [row, Array(repeating: .null, count: 5)])
        }
    }

    @Test("a statement can be stepped by hand and iterated again")
    func manualStepping() throws {
        try withTemporaryDatabase { database in
            let select = try database.prepare(
                "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 3) SELECT x FROM c"
            )
            var stepped: [Int64] = []
            while try select.step() {
                stepped.append(select.row.int64(at: 0))
            }
            select.reset()
            var iterated: [Int64] = []
            try select.forEachRow { iterated.append($0.int64(at: 0)) }
            #expect(stepped == [1, 2, 3])
            #expect(iterated == stepped)
        }
    }
}
