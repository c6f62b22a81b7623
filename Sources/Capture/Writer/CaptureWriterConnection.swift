import MarketData
import SQLite
import SystemSupport

/// The SQLite side of a `CaptureWriter`: the connection, its prepared statements, the events waiting to be
/// inserted, and the open batch transaction. Throws `SQLiteError` only; the writer turns those into `CaptureError`.
///
/// Events are inserted `rowsPerInsert` at a time with one multi-row `INSERT`, which measured about 1.6 times as
/// fast as one row per statement (per-statement work in SQLite dominates for short rows).
final class CaptureWriterConnection {
    /// The number of events one `INSERT` statement writes.
    static let rowsPerInsert = 64

    let database: SQLiteDatabase
    private let begin: SQLiteStatement
    private let commit: SQLiteStatement
    private let insertEvent: SQLiteStatement
    private let insertEvents: SQLiteStatement
    private let insertGap: SQLiteStatement
    private let upsertMeta: SQLiteStatement
    private var pending = PendingEvents(capacity: rowsPerInsert)
    private var inTransaction = false

    /// `MonotonicClock.nanoseconds()` when the oldest uncommitted change was made; `nil` if there is none.
    private(set) var batchStartNs: Int64?

    /// Opens the new, empty database file at `path` and creates the capture tables and `meta` rows in one
    /// transaction.
    init(creatingAt path: String, metadata: CaptureMetadata) throws {
        let database = try SQLiteDatabase(path: path, mode: .readWrite)
        try database.transaction {
            try database.execute(CaptureFormat.schema)
            let insertMeta = try database.prepare("INSERT INTO meta(key, value) VALUES (?, ?)")
            for row in metadata.rows {
                try insertMeta.execute(row.key, row.value)
            }
        }
        self.database = database
        let insert = "INSERT INTO events(seq, recv_ns, port, symbol, line) VALUES "
        let row = "(?, ?, ?, ?, ?)"
        begin = try database.prepare("BEGIN IMMEDIATE")
        commit = try database.prepare("COMMIT")
        insertEvent = try database.prepare(insert + row)
        insertEvents = try database.prepare(
            insert + Array(repeating: row, count: Self.rowsPerInsert).joined(separator: ", ")
        )
        insertGap = try database.prepare("INSERT INTO gaps(start_ns, end_ns, port, reason) VALUES (?, ?, ?, ?)")
        upsertMeta = try database.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)")
    }

    /// Adds one event to the open batch. Its bytes are copied at once; it reaches SQLite with the next
    /// `rowsPerInsert` events, or at the next commit.
    func appendEvent(
        seq: Int64,
        recvNs: Int64,
        port: FeedPort,
        symbol: UnsafeRawBufferPointer?,
        line: UnsafeRawBufferPointer
    ) throws {
        markChanged()
        pending.append(seq: seq, recvNs: recvNs, port: port, symbol: symbol, line: line)
        if pending.count == Self.rowsPerInsert {
            try insertPending()
        }
    }

    /// Inserts a gap row into the open batch.
    func insertGap(_ gap: CaptureGap) throws {
        try beginIfNeeded()
        try insertGap.execute(gap.startNs, gap.endNs, gap.port.rawValue, gap.reason)
    }

    /// Sets a `meta` row in the open batch.
    func setMeta(key: String, value: String) throws {
        try beginIfNeeded()
        try upsertMeta.execute(key, value)
    }

    /// Inserts the waiting events and commits the open batch, if any.
    func commitBatch() throws {
        try insertPending()
        if inTransaction {
            try commit.execute()
            inTransaction = false
        }
        batchStartNs = nil
    }

    /// Ends recording: switches the file from WAL to a rollback journal (`PRAGMA journal_mode=DELETE`), which copies
    /// the WAL into the database file and removes it, leaving one self-contained file that read-only readers can
    /// open without creating `-wal` and `-shm` files next to it.
    ///
    /// The switch needs the file to itself: it waits up to `readerWait` for readers to finish. If one still holds
    /// it, the file stays in WAL mode, the WAL is copied in as far as the readers allow
    /// (`PRAGMA wal_checkpoint(PASSIVE)`), and this returns false: the `-wal` file is then part of the capture
    /// (the pair is complete; the database file alone may not be).
    ///
    /// - Returns: Whether the file is self-contained.
    func finishFile(readerWait: Duration = .seconds(2)) throws -> Bool {
        try database.execute("PRAGMA busy_timeout = \(readerWait.nanoseconds / 1_000_000)")
        do {
            try database.execute("PRAGMA journal_mode = DELETE")
            return true
        } catch let error as SQLiteError where error.kind == .busy {
            try database.execute("PRAGMA wal_checkpoint(PASSIVE)")
            return false
        }
    }

    /// Inserts the waiting events: full groups with the multi-row statement, the rest one by one.
    private func insertPending() throws {
        guard !pending.isEmpty else {
            return
        }
        try beginIfNeeded()
        defer { pending.removeAll() }
        try pending.bytes.withUnsafeBytes { bytes in
            var events = pending.events[...]
            while !events.isEmpty {
                let statement = events.count >= Self.rowsPerInsert ? insertEvents : insertEvent
                let count = statement === insertEvents ? Self.rowsPerInsert : 1
                try insert(events.prefix(count), with: statement, bytes: bytes)
                events = events.dropFirst(count)
            }
        }
    }

    private func insert(
        _ events: ArraySlice<PendingEvents.Event>,
        with statement: SQLiteStatement,
        bytes: UnsafeRawBufferPointer
    ) throws {
        try statement.withBorrowedBindings { bindings in
            var parameter = 1
            for event in events {
                try statement.bind(event.seq, at: parameter)
                try statement.bind(event.recvNs, at: parameter + 1)
                try statement.bind(event.port.rawValue, at: parameter + 2)
                try bindings.bindText(
                    event.symbol.map { UnsafeRawBufferPointer(rebasing: bytes[$0]) },
                    at: parameter + 3
                )
                try bindings.bindText(UnsafeRawBufferPointer(rebasing: bytes[event.line]), at: parameter + 4)
                parameter += 5
            }
            try statement.execute()
        }
    }

    private func beginIfNeeded() throws {
        markChanged()
        guard !inTransaction else {
            return
        }
        try begin.execute()
        inTransaction = true
    }

    private func markChanged() {
        if batchStartNs == nil {
            batchStartNs = MonotonicClock.nanoseconds()
        }
    }
}
