/// A Swift value that can be bound to a statement parameter, so it can be passed to
/// `SQLiteStatement.execute(_:)` and `SQLiteStatement.bind(_:)`.
///
/// `Int`, `Int64`, `Double`, `String`, `[UInt8]` (a blob), `SQLiteValue`, and optionals of these
/// (`nil` binds `NULL`) conform.
public protocol SQLiteBindable {
    /// Binds `self` to parameter `index` of `statement`, counting from 1.
    func bind(to statement: SQLiteStatement, at index: Int) throws
}

extension Int: SQLiteBindable {
    /// Binds with `sqlite3_bind_int64`.
    public func bind(to statement: SQLiteStatement, at index: Int) throws {
        try statement.bind(self, at: index)
    }
}

extension Int64: SQLiteBindable {
    /// Binds with `sqlite3_bind_int64`.
    public func bind(to statement: SQLiteStatement, at index: Int) throws {
        try statement.bind(self, at: index)
    }
}

extension Double: SQLiteBindable {
    /// Binds with `sqlite3_bind_double`.
    public func bind(to statement: SQLiteStatement, at index: Int) throws {
        try statement.bind(self, at: index)
    }
}

extension String: SQLiteBindable {
    /// Binds UTF-8 text with `sqlite3_bind_text64`.
    public func bind(to statement: SQLiteStatement, at index: Int) throws {
        try statement.bind(self, at: index)
    }
}

extension Array: SQLiteBindable where Element == UInt8 {
    /// Binds a blob with `sqlite3_bind_blob64`.
    public func bind(to statement: SQLiteStatement, at index: Int) throws {
        try statement.bind(self, at: index)
    }
}

extension SQLiteValue: SQLiteBindable {
    /// Binds with the `sqlite3_bind_*` function of the value's storage class.
    public func bind(to statement: SQLiteStatement, at index: Int) throws {
        try statement.bind(self, at: index)
    }
}

extension Optional: SQLiteBindable where Wrapped: SQLiteBindable {
    /// Binds the wrapped value, or `NULL` for `nil` (`sqlite3_bind_null`).
    public func bind(to statement: SQLiteStatement, at index: Int) throws {
        if let value = self {
            try value.bind(to: statement, at: index)
        } else {
            try statement.bindNull(at: index)
        }
    }
}
