import CSQLite

/// One prepared SQL statement (`sqlite3_stmt*`), compiled once and run many times. Finalized in `deinit`
/// (`sqlite3_finalize`); it keeps its database open while it exists.
///
/// The hot write pattern reuses one statement inside a transaction:
///
///     let insert = try db.prepare("INSERT INTO events (seq, line) VALUES (?, ?)")
///     try db.transaction {
///         for event in batch { try insert.execute(event.seq, event.line) }
///     }
///
/// Reads stream rows without collecting them: `forEachRow { row in row.int64(at: 0) }`.
///
/// Not `Sendable`: use a statement on the thread that uses its database, one thread at a time.
public final class SQLiteStatement {
    /// The SQL text the statement was prepared from.
    public let sql: String
    /// The database the statement runs on.
    public let database: SQLiteDatabase
    /// The number of `?` parameters (`sqlite3_bind_parameter_count`).
    public let parameterCount: Int
    /// The number of columns in each result row; 0 for statements that return no rows
    /// (`sqlite3_column_count`).
    public let columnCount: Int

    let handle: OpaquePointer

    /// Prepares `sql`, which must hold exactly one statement (`sqlite3_prepare_v2`).
    ///
    /// - Throws: `SQLiteError` carrying `sql`: `.sqlError` if it does not compile, `.misuse` if it holds no
    ///   statement or more than one.
    public init(_ sql: String, in database: SQLiteDatabase) throws {
        self.sql = sql
        self.database = database
        self.handle = try Self.prepare(sql, in: database)
        self.parameterCount = Int(sqlite3_bind_parameter_count(handle))
        self.columnCount = Int(sqlite3_column_count(handle))
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// The name of result column `index`, counting from 0 (`sqlite3_column_name`); empty if out of range.
    public func columnName(at index: Int) -> String {
        sqlite3_column_name(handle, Int32(clamping: index)).map { String(cString: $0) } ?? ""
    }

    /// Runs the statement to its next row (`sqlite3_step`).
    ///
    /// - Returns: `true` if a row is ready (read it through `row`), `false` when the statement has finished.
    /// - Throws: `SQLiteError` carrying the SQL, for example `.constraintViolation` from an `INSERT`.
    public func step() throws -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let resultCode: throw error(resultCode)
        }
    }

    /// The current row, after `step()` returned `true`. Its values change with every `step()`.
    public var row: SQLiteRow {
        SQLiteRow(statement: self)
    }

    /// Rewinds the statement so it can run again (`sqlite3_reset`). Bindings are kept.
    ///
    /// An error from the last `step()` has already been thrown there, so `reset` reports none.
    public func reset() {
        sqlite3_reset(handle)
    }

    /// Sets every parameter to `NULL` (`sqlite3_clear_bindings`).
    public func clearBindings() {
        sqlite3_clear_bindings(handle)
    }

    /// Binds `values` to parameters 1, 2, …, runs the statement to the end ignoring any rows, and resets it:
    /// the pattern for `INSERT`, `UPDATE` and `DELETE`. With no values it runs with the current bindings.
    ///
    /// Allocates nothing of its own (it is inlined and specialized for the caller's types); SQLite copies
    /// text and blobs.
    ///
    /// - Throws: `SQLiteError` carrying the SQL: `.misuse` if the number of values differs from
    ///   `parameterCount`, or the error `step()` reports (a constraint violation, for example).
    @inlinable
    public func execute<each Value: SQLiteBindable>(_ values: repeat each Value) throws {
        defer { reset() }
        try bind(repeat each values)
        while try step() {}
    }

    /// Runs the query from its start and calls `body` for every row, in order, then resets the statement.
    ///
    /// Memory stays constant whatever the number of rows: only the current row exists. The `row` passed to
    /// `body` is valid only during that call. Throw from `body` to stop early; the error is rethrown.
    ///
    /// - Throws: `SQLiteError` from `sqlite3_step`, or `body`'s error.
    public func forEachRow(_ body: (SQLiteRow) throws -> Void) throws {
        sqlite3_reset(handle)
        defer { sqlite3_reset(handle) }
        let row = SQLiteRow(statement: self)
        while try step() {
            try body(row)
        }
    }

    /// Runs the query from its start and returns `body` applied to the first row, or `nil` if there is no
    /// row; then resets the statement.
    ///
    /// - Throws: `SQLiteError` from `sqlite3_step`, or `body`'s error.
    public func firstRow<Result>(_ body: (SQLiteRow) throws -> Result) throws -> Result? {
        sqlite3_reset(handle)
        defer { sqlite3_reset(handle) }
        guard try step() else {
            return nil
        }
        return try body(SQLiteRow(statement: self))
    }

    /// An error for `resultCode`, with SQLite's message for this connection, the SQL and the path.
    func error(_ resultCode: Int32) -> SQLiteError {
        SQLiteError(resultCode: resultCode, connection: database.handle, sql: sql, path: database.path)
    }

    private static func prepare(_ sql: String, in database: SQLiteDatabase) throws -> OpaquePointer {
        try sql.withCString { text in
            var prepared: OpaquePointer?
            var tail: UnsafePointer<CChar>?
            let resultCode = sqlite3_prepare_v2(database.handle, text, -1, &prepared, &tail)
            guard resultCode == SQLITE_OK else {
                throw SQLiteError(resultCode: resultCode, connection: database.handle, sql: sql, path: database.path)
            }
            guard let handle = prepared else {
                throw notOneStatement(sql, in: database, problem: "contains no SQL statement")
            }
            if let tail, containsStatement(tail, in: database) {
                sqlite3_finalize(handle)
                throw notOneStatement(sql, in: database, problem: "contains more than one SQL statement")
            }
            return handle
        }
    }

    /// Whether `text`, the rest of the SQL after the first statement, holds more than whitespace and comments.
    private static func containsStatement(_ text: UnsafePointer<CChar>, in database: SQLiteDatabase) -> Bool {
        guard text.pointee != 0 else {
            return false
        }
        var extra: OpaquePointer?
        let resultCode = sqlite3_prepare_v2(database.handle, text, -1, &extra, nil)
        sqlite3_finalize(extra)
        return resultCode != SQLITE_OK || extra != nil
    }

    private static func notOneStatement(_ sql: String, in database: SQLiteDatabase, problem: String) -> SQLiteError {
        SQLiteError(
            extendedCode: .misuse,
            message: "prepare(_:) takes one statement, but the text \(problem); use execute(_:) to run several",
            sql: sql,
            path: database.path
        )
    }
}
