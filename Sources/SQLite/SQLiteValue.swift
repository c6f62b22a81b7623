/// One SQLite value, owned by Swift: the five SQLite storage classes.
///
/// Read with `SQLiteRow.value(at:)`, bind with `SQLiteStatement.bind(_:at:)` or as one of the values
/// of `SQLiteStatement.execute(_:)`.
public enum SQLiteValue: Sendable, Hashable {
    /// `SQLITE_INTEGER`: a 64-bit signed integer.
    case integer(Int64)
    /// `SQLITE_FLOAT`: a 64-bit IEEE double.
    case real(Double)
    /// `SQLITE_TEXT`: UTF-8 text.
    case text(String)
    /// `SQLITE_BLOB`: bytes, possibly empty and possibly containing zeros.
    case blob([UInt8])
    /// `SQLITE_NULL`.
    case null
}

extension SQLiteValue: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByStringLiteral,
    ExpressibleByNilLiteral
{
    /// `.integer(value)`.
    public init(integerLiteral value: Int64) {
        self = .integer(value)
    }

    /// `.real(value)`.
    public init(floatLiteral value: Double) {
        self = .real(value)
    }

    /// `.text(value)`.
    public init(stringLiteral value: String) {
        self = .text(value)
    }

    /// `.null`.
    public init(nilLiteral: ()) {
        self = .null
    }
}
