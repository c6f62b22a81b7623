import MarketData
import SQLite
import SystemSupport

/// A local SQLite file of live feed lines not yet in Kafka (DESIGN.md, "Kafka": a live feed, which cannot slow down,
/// spills in order to a local journal and drains it when Kafka is back).
///
/// One table, `spill(seq INTEGER PRIMARY KEY, symbol TEXT, port INTEGER, recv_ns INTEGER, line BLOB)`, with
/// write-ahead logging and `synchronous=NORMAL`. Appends go into one open transaction, committed every
/// ``commitEvery`` rows, when ``commitInterval`` has passed since its first row (checked on each append and by
/// ``commitIfDue()``), and before every read or removal: a crash of the process loses at most the rows not yet
/// committed. Rows are read in `seq` order (``forEachInOrder(limit:_:)``) and deleted up to a `seq`
/// (``remove(upTo:)``). The file outlives the process: opening one left by a crash finds its rows, and ``count`` and
/// ``lastSeq`` say what is there to drain first.
///
/// Allocation-light: appends bind the receive buffer's bytes in place (borrowed, not copied) and reads lend the row's
/// bytes in place. The borrowed binder binds text, so `line` holds the bytes as given with SQLite's text storage class
/// (a `BLOB` column neither checks nor converts them).
///
/// Not thread-safe: like `SQLiteDatabase`, use it from one thread at a time (``LiveFeedSource`` calls it under its
/// lock).
public final class SpillJournal {
    /// One journaled line, as lent by ``SpillJournal/forEachInOrder(limit:_:)``: the buffers are valid only during
    /// that call's `body`.
    public struct Record {
        public let seq: Int64
        /// The symbol, or `nil` for a line without one (`T`, most `S` lines).
        public let symbol: UnsafeRawBufferPointer?
        public let port: FeedPort
        /// Unix nanoseconds at receipt.
        public let receivedNs: Int64
        public let line: UnsafeRawBufferPointer
    }

    /// The journal file.
    public let path: String
    /// Rows in the open transaction that make it commit.
    public let commitEvery: Int
    /// Age of the open transaction's first row that makes it commit.
    public let commitInterval: Duration
    /// Rows in the journal, committed or not.
    public private(set) var count: Int
    /// The highest `seq` appended or found on opening; `nil` for a journal that never held a row since it was opened
    /// empty.
    public private(set) var lastSeq: Int64?

    private let database: SQLiteDatabase
    private let begin: SQLiteStatement
    private let commitStatement: SQLiteStatement
    private let insert: SQLiteStatement
    private let selectInOrder: SQLiteStatement
    private let deleteUpTo: SQLiteStatement
    private var uncommitted = 0
    private var transactionStartNs: Int64?

    /// Opens the journal at `path`, creating the file and its table if needed.
    ///
    /// - Parameters:
    ///   - commitEvery: rows that make an append commit; default 512, at least 1.
    ///   - commitInterval: age of the first uncommitted row that makes an append or ``commitIfDue()`` commit;
    ///     default 10 ms.
    /// - Throws: ``SpillJournalError`` naming the file if it cannot be opened, created or read.
    public init(
        path: String,
        commitEvery: Int = 512,
        commitInterval: Duration = .milliseconds(10)
    ) throws(SpillJournalError) {
        self.path = path
        self.commitEvery = max(1, commitEvery)
        self.commitInterval = commitInterval
        do {
            let database = try SQLiteDatabase(path: path, mode: .create)
            try database.execute(
                "CREATE TABLE IF NOT EXISTS spill "
                    + "(seq INTEGER PRIMARY KEY, symbol TEXT, port INTEGER NOT NULL, recv_ns INTEGER NOT NULL, line BLOB NOT NULL)"
            )
            self.database = database
            begin = try database.prepare("BEGIN IMMEDIATE")
            commitStatement = try database.prepare("COMMIT")
            insert = try database.prepare("INSERT INTO spill (seq, symbol, port, recv_ns, line) VALUES (?, ?, ?, ?, ?)")
            selectInOrder = try database.prepare(
                "SELECT seq, symbol, port, recv_ns, line FROM spill ORDER BY seq LIMIT ?"
            )
            deleteUpTo = try database.prepare("DELETE FROM spill WHERE seq <= ?")
            let summary = try database.prepare("SELECT count(*), max(seq) FROM spill")
            (count, lastSeq) =
                try summary.firstRow { row in (row.int(at: 0), row.isNull(at: 1) ? nil : row.int64(at: 1)) }
                ?? (0, nil)
        } catch {
            throw SpillJournalError(path: path, doing: "opening the spill journal", error)
        }
    }

    deinit {
        try? commit()
    }

    /// Appends one line; `seq` must be higher than every `seq` in the journal. Commits when ``commitEvery`` rows or
    /// ``commitInterval`` are reached.
    ///
    /// - Throws: ``SpillJournalError`` if the row cannot be stored (disk full, a `seq` already journaled); the row
    ///   is not in the journal then.
    public func append(
        seq: Int64,
        symbol: UnsafeRawBufferPointer?,
        port: FeedPort,
        receivedNs: Int64,
        line: UnsafeRawBufferPointer
    ) throws(SpillJournalError) {
        do {
            if transactionStartNs == nil {
                try begin.execute()
                transactionStartNs = MonotonicClock.nanoseconds()
            }
            try insert.withBorrowedBindings { bindings in
                try insert.bind(seq, at: 1)
                try bindings.bindText(symbol, at: 2)
                try insert.bind(port.rawValue, at: 3)
                try insert.bind(receivedNs, at: 4)
                try bindings.bindText(line, at: 5)
                try insert.execute()
            }
        } catch {
            throw abandonTransaction(doing: "journaling line \(seq)", error, alsoLost: 1)
        }
        count += 1
        uncommitted += 1
        lastSeq = max(lastSeq ?? seq, seq)
        try commitIfDue()
    }

    /// Commits the open transaction if it holds ``commitEvery`` rows or is ``commitInterval`` old; call it now and
    /// then, so that a quiet feed's last rows do not wait.
    public func commitIfDue() throws(SpillJournalError) {
        guard let start = transactionStartNs else { return }
        if uncommitted >= commitEvery || MonotonicClock.nanoseconds() - start >= commitInterval.nanoseconds {
            try commit()
        }
    }

    /// Commits the open transaction, if any.
    public func commit() throws(SpillJournalError) {
        guard transactionStartNs != nil else { return }
        do {
            try commitStatement.execute()
        } catch {
            throw abandonTransaction(doing: "committing \(uncommitted) journaled lines", error, alsoLost: 0)
        }
        transactionStartNs = nil
        uncommitted = 0
    }

    /// Commits, then calls `body` with the first `limit` rows in `seq` order; each record's buffers are valid only
    /// during its call.
    public func forEachInOrder(limit: Int, _ body: (Record) -> Void) throws(SpillJournalError) {
        try commit()
        do {
            try selectInOrder.bind(Int64(max(0, limit)), at: 1)
            try selectInOrder.forEachRow { row in
                let hasSymbol = !row.isNull(at: 1)
                row.withUnsafeBytes(at: 1) { symbol in
                    row.withUnsafeBytes(at: 4) { line in
                        body(
                            Record(
                                seq: row.int64(at: 0),
                                symbol: hasSymbol ? symbol : nil,
                                port: FeedPort(rawValue: row.int(at: 2)) ?? .level1,
                                receivedNs: row.int64(at: 3),
                                line: line
                            )
                        )
                    }
                }
            }
        } catch {
            throw SpillJournalError(path: path, doing: "reading journaled lines", error)
        }
    }

    /// Commits, then deletes every row with `seq` up to `seq`.
    public func remove(upTo seq: Int64) throws(SpillJournalError) {
        try commit()
        do {
            try deleteUpTo.execute(seq)
        } catch {
            throw SpillJournalError(path: path, doing: "removing journaled lines up to \(seq)", error)
        }
        count = max(0, count - database.changes)
    }

    /// Rolls back the open transaction after a failed write (SQLite's advice for a failed statement inside one) and
    /// returns the error, counting the rows that were in it as lost.
    private func abandonTransaction(doing action: String, _ error: any Error, alsoLost: Int) -> SpillJournalError {
        let lost = uncommitted + alsoLost
        if transactionStartNs != nil { try? database.execute("ROLLBACK") }
        count -= uncommitted
        uncommitted = 0
        transactionStartNs = nil
        return SpillJournalError(path: path, doing: action, error, linesLost: lost)
    }
}
