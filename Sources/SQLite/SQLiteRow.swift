import CSQLite

/// Typed access to the columns of a statement's current row, by index counting from 0.
///
/// A row reads the statement in place: it is valid while the statement stays on that row (during a
/// `forEachRow` callback, or until the next `step()`). Reading a number allocates nothing; `string(at:)`
/// and `blob(at:)` copy into a new value, and `withUnsafeBytes(at:_:)` lends the bytes without copying.
///
/// Reading a column as another type converts as SQLite does (`NULL` reads as 0, empty text or an empty
/// blob); use `isNull(at:)` or `value(at:)` to tell `NULL` apart.
public struct SQLiteRow {
    private let statement: SQLiteStatement
    private let handle: OpaquePointer

    init(statement: SQLiteStatement) {
        self.statement = statement
        self.handle = statement.handle
    }

    /// The number of columns (`sqlite3_column_count`).
    public var count: Int {
        statement.columnCount
    }

    /// Column `index` as an integer (`sqlite3_column_int64`).
    public func int64(at index: Int) -> Int64 {
        sqlite3_column_int64(handle, Int32(clamping: index))
    }

    /// Column `index` as an integer (`sqlite3_column_int64`).
    public func int(at index: Int) -> Int {
        Int(sqlite3_column_int64(handle, Int32(clamping: index)))
    }

    /// Column `index` as a double (`sqlite3_column_double`).
    public func double(at index: Int) -> Double {
        sqlite3_column_double(handle, Int32(clamping: index))
    }

    /// Column `index` as UTF-8 text (`sqlite3_column_text`); `NULL` reads as the empty string.
    /// Invalid UTF-8 is repaired with replacement characters.
    public func string(at index: Int) -> String {
        let column = Int32(clamping: index)
        guard let text = sqlite3_column_text(handle, column) else {
            return ""
        }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }

    /// Column `index` as bytes (`sqlite3_column_blob`); text reads as its UTF-8 bytes, `NULL` as no bytes.
    public func blob(at index: Int) -> [UInt8] {
        withUnsafeBytes(at: index) { [UInt8]($0) }
    }

    /// Calls `body` with the bytes of column `index` in place, without copying (`sqlite3_column_blob`);
    /// text gives its UTF-8 bytes, `NULL` an empty buffer. The buffer is valid only during `body`.
    public func withUnsafeBytes<Result>(
        at index: Int,
        _ body: (UnsafeRawBufferPointer) throws -> Result
    ) rethrows -> Result {
        let column = Int32(clamping: index)
        let base = sqlite3_column_blob(handle, column)
        let count = Int(sqlite3_column_bytes(handle, column))
        return try body(UnsafeRawBufferPointer(start: base, count: base == nil ? 0 : count))
    }

    /// Whether column `index` is `NULL` (`sqlite3_column_type`).
    public func isNull(at index: Int) -> Bool {
        sqlite3_column_type(handle, Int32(clamping: index)) == SQLITE_NULL
    }

    /// Column `index` as an owned value of its storage class (`sqlite3_column_type`).
    public func value(at index: Int) -> SQLiteValue {
        switch sqlite3_column_type(handle, Int32(clamping: index)) {
        case SQLITE_INTEGER: .integer(int64(at: index))
        case SQLITE_FLOAT: .real(double(at: index))
        case SQLITE_TEXT: .text(string(at: index))
        case SQLITE_BLOB: .blob(blob(at: index))
        default: .null
        }
    }
}
