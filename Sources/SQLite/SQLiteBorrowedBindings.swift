import CSQLite

/// Binds byte buffers to a statement's parameters without copying them, for the duration of one
/// `SQLiteStatement.withBorrowedBindings(_:)` call.
///
/// For hot write paths that insert straight from a receive buffer: SQLite reads the bytes in place when the
/// statement runs (`sqlite3_bind_text64` with `SQLITE_STATIC`), so neither a `String` nor a copy is made.
public struct SQLiteBorrowedBindings {
    private let statement: SQLiteStatement

    init(statement: SQLiteStatement) {
        self.statement = statement
    }

    /// Binds `utf8` as text to parameter `index`, counting from 1, without copying it. `nil` binds `NULL`; an empty
    /// buffer binds empty text, not `NULL`. The bytes are stored as given, not checked for valid UTF-8.
    ///
    /// The bytes must stay valid and unchanged until `withBorrowedBindings(_:)` returns.
    ///
    /// - Throws: `SQLiteError` of kind `.misuse` if `index` is out of range or the statement is mid-run.
    public func bindText(_ utf8: UnsafeRawBufferPointer?, at index: Int) throws {
        let handle = statement.handle
        let parameter = Int32(clamping: index)
        let encoding = UInt8(SQLITE_UTF8)
        let resultCode: Int32
        if let utf8, let base = utf8.baseAddress, !utf8.isEmpty {
            // A nil destructor is SQLITE_STATIC: SQLite reads the caller's bytes in place.
            let text = base.assumingMemoryBound(to: CChar.self)
            resultCode = sqlite3_bind_text64(handle, parameter, text, UInt64(utf8.count), nil, encoding)
        } else if utf8 != nil {
            // A nil text pointer would bind NULL: empty text is a copied "" instead.
            resultCode = sqlite3_bind_text64(handle, parameter, "", 0, csqlite_transient(), encoding)
        } else {
            resultCode = sqlite3_bind_null(handle, parameter)
        }
        guard resultCode == SQLITE_OK else {
            throw statement.error(resultCode)
        }
    }
}

extension SQLiteStatement {
    /// Runs `body` with a binder that lends byte buffers to parameters without copying them, then resets the
    /// statement and sets every parameter to `NULL` (`sqlite3_reset`, `sqlite3_clear_bindings`), so SQLite keeps no
    /// pointer to the lent bytes, even when `body` left the statement part-way through its rows.
    ///
    /// `body` binds the parameters (borrowed text through the binder, numbers with `bind(_:at:)`) and runs the
    /// statement (`execute()` with no values, or `step()`). Every buffer lent must stay valid until this call
    /// returns, so call it inside the `withUnsafeBytes` scopes that provide them:
    ///
    ///     try line.withUnsafeBytes { lineBytes in
    ///         try insert.withBorrowedBindings { bindings in
    ///             try insert.bind(seq, at: 1)
    ///             try bindings.bindText(lineBytes, at: 2)
    ///             try insert.execute()
    ///         }
    ///     }
    ///
    /// - Returns: What `body` returns.
    /// - Throws: `body`'s error.
    public func withBorrowedBindings<Result>(_ body: (SQLiteBorrowedBindings) throws -> Result) rethrows -> Result {
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }
        return try body(SQLiteBorrowedBindings(statement: self))
    }
}
