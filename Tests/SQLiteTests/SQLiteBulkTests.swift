import SQLite
import Testing

@Suite("Million-row batched insert and streaming read")
struct SQLiteBulkTests {
    static let rowCount: Int64 = 1_000_000
    static let batchSize: Int64 = 10_000
    static let symbols = ["AAPL", "MSFT", "@ESZ24", "EURUSD"]

    /// The row written for `seq`, recomputed when reading to check every value.
    static func row(_ seq: Int64) -> (recvNs: Int64, symbol: String?, line: String) {
        let symbol = seq % 5 == 0 ? nil : symbols[Int(seq % 4)]
        return (seq * 1_000 + seq % 7, symbol, "Q,\(symbol ?? "-"),\(seq),190.\(seq % 100),\(seq % 1_000)")
    }

    @Test("1,000,000 rows in batches of 10,000 stream back in order with every value intact")
    func millionRows() throws {
        try withTemporaryDatabase { database in
            try database.execute(
                "CREATE TABLE events(seq INTEGER PRIMARY KEY, recv_ns INTEGER NOT NULL, symbol TEXT, line TEXT NOT NULL)"
            )
            let insert = try database.prepare("INSERT INTO events(seq, recv_ns, symbol, line) VALUES (?, ?, ?, ?)")
            for batchStart in stride(from: 1, through: Self.rowCount, by: Int(Self.batchSize)) {
                try database.transaction {
                    for seq in batchStart..<(batchStart + Self.batchSize) {
                        let row = Self.row(seq)
                        try insert.execute(seq, row.recvNs, row.symbol, row.line)
                    }
                }
            }

            let select = try database.prepare("SELECT seq, recv_ns, symbol, line FROM events ORDER BY seq")
            var count: Int64 = 0
            var mismatches = 0
            try select.forEachRow { row in
                count += 1
                let seq = row.int64(at: 0)
                let expected = Self.row(count)
                let symbol: String? = row.isNull(at: 2) ? nil : row.string(at: 2)
                if seq != count || row.int64(at: 1) != expected.recvNs || symbol != expected.symbol
                    || row.string(at: 3) != expected.line
                {
                    mismatches += 1
                }
            }
            #expect(count == Self.rowCount)
            #expect(mismatches == 0)
        }
    }
}
