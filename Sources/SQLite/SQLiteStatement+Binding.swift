import CSQLite

extension SQLiteStatement {
    /// Binds an integer to parameter `index`, counting from 1 (`sqlite3_bind_int64`).
    ///
    /// Binding requires a statement that is not mid-run: after `reset()`, `execute`, or a finished
    /// `forEachRow`. Bindings stay until replaced or cleared with `clearBindings()`.
    ///
    /// - Throws: `SQLiteError` of kind `.misuse` if `index` is out of range or the statement is mid-run.
    public func bind(_ value: Int64, at index: Int) throws {
        try check(sqlite3_bind_int64(handle, Int32(clamping: index), value))
    }

    /// Binds an integer to parameter `index`, counting from 1 (`sqlite3_bind_int64`).
    public func bind(_ value: Int, at index: Int) throws {
        try bind(Int64(value), at: index)
    }

    /// Binds a double to parameter `index`, counting from 1 (`sqlite3_bind_double`).
    public func bind(_ value: Double, at index: Int) throws {
        try check(sqlite3_bind_double(handle, Int32(clamping: index), value))
    }

    /// Binds text to parameter `index`, counting from 1 (`sqlite3_bind_text64`, UTF-8, `SQLITE_TRANSIENT`).
    ///
    /// SQLite copies the string's UTF-8 bytes, read in place from the string's own storage. An empty string
    /// binds empty text, not `NULL`.
    public func bind(_ value: String, at index: Int) throws {
        if let resultCode = value.utf8.withContiguousStorageIfAvailable({ bindText($0, at: index) }) {
            try check(resultCode)
        } else {
            var contiguous = value
            try check(contiguous.withUTF8 { bindText($0, at: index) })
        }
    }

    /// Binds bytes as a blob to parameter `index`, counting from 1 (`sqlite3_bind_blob64`,
    /// `SQLITE_TRANSIENT`). An empty array binds an empty blob, not `NULL` (`sqlite3_bind_zeroblob`).
    public func bind(_ value: [UInt8], at index: Int) throws {
        let resultCode = value.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress, !bytes.isEmpty else {
                return sqlite3_bind_zeroblob(handle, Int32(clamping: index), 0)
            }
            return sqlite3_bind_blob64(handle, Int32(clamping: index), base, UInt64(bytes.count), csqlite_transient())
        }
        try check(resultCode)
    }

    /// Binds `NULL` to parameter `index`, counting from 1 (`sqlite3_bind_null`).
    public func bindNull(at index: Int) throws {
        try check(sqlite3_bind_null(handle, Int32(clamping: index)))
    }

    /// Binds a value of any storage class to parameter `index`, counting from 1.
    public func bind(_ value: SQLiteValue, at index: Int) throws {
        switch value {
        case .integer(let integer): try bind(integer, at: index)
        case .real(let real): try bind(real, at: index)
        case .text(let text): try bind(text, at: index)
        case .blob(let bytes): try bind(bytes, at: index)
        case .null: try bindNull(at: index)
        }
    }

    /// Binds `values` to parameters 1, 2, … in order. With no values it changes nothing.
    ///
    /// - Throws: `SQLiteError` of kind `.misuse` if there are values but not exactly `parameterCount` of them.
    @inlinable
    public func bind<each Value: SQLiteBindable>(_ values: repeat each Value) throws {
        var count = 0
        for _ in repeat each values {
            count += 1
        }
        guard count == 0 || count == parameterCount else {
            throw wrongValueCount(count)
        }
        var index = 0
        for value in repeat each values {
            index += 1
            try value.bind(to: self, at: index)
        }
    }

    /// The error for binding `count` values to a statement with a different number of parameters.
    @usableFromInline
    func wrongValueCount(_ count: Int) -> SQLiteError {
        SQLiteError(
            extendedCode: .range,
            message: "the statement has \(parameterCount) parameters but \(count) values were given",
            sql: sql,
            path: database.path
        )
    }

    private func bindText(_ utf8: UnsafeBufferPointer<UInt8>, at index: Int) -> Int32 {
        let encoding = UInt8(SQLITE_UTF8)
        guard let base = utf8.baseAddress, !utf8.isEmpty else {
            return sqlite3_bind_text64(handle, Int32(clamping: index), "", 0, csqlite_transient(), encoding)
        }
        return base.withMemoryRebound(to: CChar.self, capacity: utf8.count) { text in
            sqlite3_bind_text64(handle, Int32(clamping: index), text, UInt64(utf8.count), csqlite_transient(), encoding)
        }
    }

    private func check(_ resultCode: Int32) throws {
        guard resultCode == SQLITE_OK else {
            throw error(resultCode)
        }
    }
}
