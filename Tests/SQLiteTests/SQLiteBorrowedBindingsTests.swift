import SQLite
import Testing

@Suite("Borrowed text bindings")
struct SQLiteBorrowedBindingsTests {
    @Test("borrowed bytes are stored as text, empty as empty text, nil as NULL, and cleared afterwards")
    func borrowedText() throws {
        try withTemporaryDatabase { database in
            try database.execute("CREATE TABLE t(id INTEGER, v TEXT)")
            let insert = try database.prepare("INSERT INTO t(id, v) VALUES (?, ?)")
            let samples: [[UInt8]?] = [Array("Q,AAPL,190.12,Zürich".utf8), [], nil, [0x41, 0xFF, 0x00, 0x42]]
            for (id, sample) in samples.enumerated() {
                var bytes = sample ?? []
                try bytes.withUnsafeBytes { buffer in
                    try insert.withBorrowedBindings { bindings in
                        try insert.bind(id, at: 1)
                        try bindings.bindText(sample == nil ? nil : buffer, at: 2)
                        try insert.execute()
                    }
                }
                bytes = Array(repeating: 0x3F, count: bytes.count)
            }

            var rows: [(String, [UInt8])] = []
            try database.prepare("SELECT typeof(v), v FROM t ORDER BY id").forEachRow { row in
                rows.append((row.string(at: 0), row.blob(at: 1)))
            }
            #expect(rows.map(\.0) == ["text", "text", "null", "text"])
            #expect(rows.map(\.1) == [Array("Q,AAPL,190.12,Zürich".utf8), [], [], [0x41, 0xFF, 0x00, 0x42]])

            try insert.execute()
            #expect(
                try database.prepare("SELECT count(*) FROM t WHERE id IS NULL AND v IS NULL").firstRow { $0.int(at: 0) }
                    == 1,
                "withBorrowedBindings clears every parameter when it returns"
            )
        }
    }

    @Test("a bad parameter index is .misuse, and the bindings are still cleared")
    func badIndex() throws {
        try withTemporaryDatabase { database in
            let select = try database.prepare("SELECT ?")
            let error = try #require(throws: SQLiteError.self) {
                try [UInt8]("x".utf8).withUnsafeBytes { bytes in
                    try select.withBorrowedBindings { bindings in
                        try bindings.bindText(bytes, at: 1)
                        try bindings.bindText(bytes, at: 2)
                    }
                }
            }
            #expect(error.kind == .misuse)
            #expect(try select.firstRow { $0.isNull(at: 0) } == true)
        }
    }

    @Test("a statement left part-way through its rows does not read the lent bytes after the call")
    func partlyStepped() throws {
        try withTemporaryDatabase { database in
            let select = try database.prepare(
                "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 3) SELECT ?1, x FROM c"
            )
            var text = Array("borrowed".utf8)
            try text.withUnsafeBytes { bytes in
                try select.withBorrowedBindings { bindings in
                    try bindings.bindText(bytes, at: 1)
                    #expect(try select.step())
                    #expect(select.row.string(at: 0) == "borrowed")
                }
            }
            text = Array("XXXXXXXX".utf8)
            #expect(try select.step(), "the statement starts again from its first row")
            #expect(select.row.isNull(at: 0), "the parameter was cleared, not left pointing at the old bytes")
            #expect(select.row.int(at: 1) == 1)
            select.reset()
        }
    }
}
