import CSQLite

/// A connection to one SQLite database file. Owns the `sqlite3*` handle and closes it in `deinit`
/// (`sqlite3_close_v2`).
///
/// Writable connections use write-ahead logging (`PRAGMA journal_mode=WAL`) and
/// `PRAGMA synchronous=NORMAL`: a commit survives a crash of the process, and a power loss can lose
/// only the last commits, never corrupt the file. Every connection waits up to `busyTimeout` for
/// another connection's lock before failing with `SQLiteError.Kind.busy`.
///
/// Thread safety: use a connection, and the statements prepared on it, from one thread at a time.
/// It may move between threads and tasks (it is `Sendable` so that a task can own it), but must not
/// be used by two at once: `transaction` and statements keep state on the connection that interleaved
/// callers would corrupt logically.
public final class SQLiteDatabase {
    /// How to open the file.
    public enum OpenMode: Sendable, Hashable {
        /// Read only; the file must exist (`SQLITE_OPEN_READONLY`).
        case readOnly
        /// Read and write; the file must exist (`SQLITE_OPEN_READWRITE`).
        case readWrite
        /// Read and write, creating the file if it does not exist
        /// (`SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE`). The directory must exist.
        case create
    }

    /// The busy timeout used when none is given: 5 seconds.
    public static let defaultBusyTimeout: Duration = .seconds(5)

    /// The path the database was opened with.
    public let path: String
    /// The mode the database was opened with.
    public let mode: OpenMode

    let handle: OpaquePointer

    /// Opens the database at `path` (`sqlite3_open_v2`) and checks that it is a SQLite file by reading
    /// `PRAGMA schema_version` (opening alone does not read the file header).
    ///
    /// - Parameters:
    ///   - path: The file to open.
    ///   - mode: Read-only, read-write, or read-write creating the file.
    ///   - busyTimeout: How long to wait for another connection's lock (`sqlite3_busy_timeout`);
    ///     default `defaultBusyTimeout`, 5 seconds.
    /// - Throws: `SQLiteError` of kind `.fileNotFound` if the file does not exist and `mode` is not
    ///   `.create`, `.notADatabase` if it is not a SQLite database, `.cannotOpen` for other failures.
    public init(path: String, mode: OpenMode, busyTimeout: Duration = defaultBusyTimeout) throws {
        self.path = path
        self.mode = mode
        self.handle = try Self.open(path: path, mode: mode, busyTimeout: busyTimeout)
    }

    deinit {
        sqlite3_close_v2(handle)
    }

    /// Runs one or more SQL statements separated by semicolons, ignoring any rows they return
    /// (`sqlite3_exec`).
    ///
    /// - Throws: `SQLiteError` carrying `sql`, from the first statement that fails; the statements before
    ///   it have run.
    public func execute(_ sql: String) throws {
        try Self.execute(sql, on: handle, path: path)
    }

    /// Prepares one SQL statement for repeated use (`sqlite3_prepare_v2`).
    ///
    /// - Throws: `SQLiteError` carrying `sql` if it does not compile, or holds no statement or several.
    public func prepare(_ sql: String) throws -> SQLiteStatement {
        try SQLiteStatement(sql, in: self)
    }

    /// Runs `body` in a write transaction: `BEGIN IMMEDIATE`, then `COMMIT` if `body` returns or
    /// `ROLLBACK` if it throws, in which case `body`'s error is rethrown unchanged.
    ///
    /// `BEGIN IMMEDIATE` takes the write lock at once, so the commit cannot fail for lock contention with
    /// another writer. Transactions do not nest: calling `transaction` inside `body` throws.
    ///
    /// - Returns: What `body` returns.
    /// - Throws: `body`'s error, or `SQLiteError` if the transaction cannot begin or commit (then it is
    ///   rolled back).
    @discardableResult
    public func transaction<Result>(_ body: () throws -> Result) throws -> Result {
        try execute("BEGIN IMMEDIATE")
        let result: Result
        do {
            result = try body()
            try execute("COMMIT")
        } catch {
            rollbackIfActive()
            throw error
        }
        return result
    }

    /// The rowid of the last row inserted on this connection (`sqlite3_last_insert_rowid`); 0 if none.
    public var lastInsertRowID: Int64 {
        sqlite3_last_insert_rowid(handle)
    }

    /// The number of rows changed by the last `INSERT`, `UPDATE` or `DELETE` on this connection
    /// (`sqlite3_changes64`).
    public var changes: Int {
        Int(sqlite3_changes64(handle))
    }

    private func rollbackIfActive() {
        if sqlite3_get_autocommit(handle) == 0 {
            sqlite3_exec(handle, "ROLLBACK", nil, nil, nil)
        }
    }
}

// @unchecked Sendable: a connection may move between threads and tasks (one owner at a time), which
// SQLite allows; the only stored Swift state is immutable. The rule is one thread at a time: two threads at once
// would interleave transactions, and an error message read with sqlite3_errmsg could be freed by the other
// thread's next call while it is copied. So it is opened with SQLITE_OPEN_NOMUTEX (multi-thread mode): a mutex
// around every bind and step would only cost time (a 24-column insert took 50 lock pairs). `SQLiteStatement` is not Sendable: a row's text and blob
// pointers are only valid until the next step on the same statement.
extension SQLiteDatabase: @unchecked Sendable {}

extension SQLiteDatabase {
    /// Opens and configures a handle, closing it again if any step fails.
    private static func open(path: String, mode: OpenMode, busyTimeout: Duration) throws -> OpaquePointer {
        var flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        switch mode {
        case .readOnly: flags |= SQLITE_OPEN_READONLY
        case .readWrite: flags |= SQLITE_OPEN_READWRITE
        case .create: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        }
        var opened: OpaquePointer?
        let resultCode = sqlite3_open_v2(path, &opened, flags, nil)
        guard resultCode == SQLITE_OK, let handle = opened else {
            let error = SQLiteError(resultCode: resultCode, connection: opened, sql: nil, path: path)
            let fileIsMissing = opened.map { sqlite3_system_errno($0) == csqlite_enoent() } ?? false
            sqlite3_close_v2(opened)
            if mode != .create, error.code == .cannotOpen, fileIsMissing {
                throw SQLiteError(
                    extendedCode: error.extendedCode,
                    message: error.message,
                    path: path,
                    kind: .fileNotFound
                )
            }
            throw error
        }
        do {
            sqlite3_extended_result_codes(handle, 1)
            sqlite3_busy_timeout(handle, milliseconds(busyTimeout))
            try execute("PRAGMA schema_version", on: handle, path: path)
            if mode != .readOnly {
                try execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL", on: handle, path: path)
            }
        } catch {
            sqlite3_close_v2(handle)
            throw error
        }
        return handle
    }

    private static func execute(_ sql: String, on handle: OpaquePointer, path: String) throws {
        var errorMessage: UnsafeMutablePointer<CChar>?
        let resultCode = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
        defer { sqlite3_free(errorMessage) }
        guard resultCode == SQLITE_OK else {
            throw SQLiteError(
                extendedCode: SQLiteError.ResultCode(rawValue: resultCode),
                message: errorMessage.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(resultCode)),
                sql: sql,
                path: path
            )
        }
    }

    private static func milliseconds(_ duration: Duration) -> Int32 {
        let milliseconds = (duration / .milliseconds(1)).rounded(.up)
        return Int32(min(max(milliseconds, 0), Double(Int32.max)))
    }
}
