import CSQLite

/// An error from SQLite: the result code, SQLite's own message, and the SQL and file involved.
///
/// Match on `kind` for the cases callers handle differently (a missing file, a file that is not a
/// SQLite database, a constraint violation), or on `code` / `extendedCode` for any SQLite result code.
/// `description` is a sentence that names the file and says what to do.
public struct SQLiteError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, in the categories callers handle differently.
    public enum Kind: Sendable, Hashable {
        /// The file does not exist and the database was opened without `.create`
        /// (`SQLITE_CANTOPEN` with `ENOENT`).
        case fileNotFound
        /// The file exists but is not a SQLite database (`SQLITE_NOTADB`).
        case notADatabase
        /// The file could not be opened or created for another reason: permissions, a missing
        /// directory, a directory in place of the file (`SQLITE_CANTOPEN`).
        case cannotOpen
        /// A row broke a constraint: duplicate primary key, `UNIQUE`, `NOT NULL`, `CHECK`
        /// (`SQLITE_CONSTRAINT`).
        case constraintViolation
        /// Another connection held a lock longer than the busy timeout (`SQLITE_BUSY`, `SQLITE_LOCKED`).
        case busy
        /// A write on a read-only connection or a file that cannot be written (`SQLITE_READONLY`).
        case readOnly
        /// The file is damaged (`SQLITE_CORRUPT`).
        case corrupt
        /// The disk is full (`SQLITE_FULL`).
        case diskFull
        /// The SQL is wrong: a syntax error, an unknown table or column (`SQLITE_ERROR`).
        case sqlError
        /// The caller used the API wrongly: a bad parameter index, a wrong number of values,
        /// SQL text with no statement or several (`SQLITE_RANGE`, `SQLITE_MISUSE`).
        case misuse
        /// Any other result code; see `code` and `message`.
        case other
    }

    /// A SQLite result code, primary (`SQLITE_CONSTRAINT`) or extended (`SQLITE_CONSTRAINT_PRIMARYKEY`).
    public struct ResultCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The numeric code, as in `sqlite3.h`.
        public let rawValue: Int32

        /// Wraps a numeric result code.
        public init(rawValue: Int32) {
            self.rawValue = rawValue
        }

        /// The primary code: the low 8 bits of an extended code.
        public var primary: ResultCode {
            ResultCode(rawValue: rawValue & 0xFF)
        }

        /// The code's number and SQLite's English text for it (`sqlite3_errstr`).
        public var description: String {
            "\(rawValue) (\(String(cString: sqlite3_errstr(rawValue))))"
        }

        /// `SQLITE_ERROR`: generic error, including SQL syntax errors and unknown tables.
        public static let error = ResultCode(rawValue: SQLITE_ERROR)
        /// `SQLITE_BUSY`: the database file is locked.
        public static let busy = ResultCode(rawValue: SQLITE_BUSY)
        /// `SQLITE_LOCKED`: a table is locked by the same connection or shared cache.
        public static let locked = ResultCode(rawValue: SQLITE_LOCKED)
        /// `SQLITE_READONLY`: attempt to write a read-only database.
        public static let readOnly = ResultCode(rawValue: SQLITE_READONLY)
        /// `SQLITE_IOERR`: an operating-system I/O error.
        public static let ioError = ResultCode(rawValue: SQLITE_IOERR)
        /// `SQLITE_CORRUPT`: the database file is malformed.
        public static let corrupt = ResultCode(rawValue: SQLITE_CORRUPT)
        /// `SQLITE_FULL`: the disk is full.
        public static let full = ResultCode(rawValue: SQLITE_FULL)
        /// `SQLITE_CANTOPEN`: the database file cannot be opened.
        public static let cannotOpen = ResultCode(rawValue: SQLITE_CANTOPEN)
        /// `SQLITE_CONSTRAINT`: a constraint was violated.
        public static let constraint = ResultCode(rawValue: SQLITE_CONSTRAINT)
        /// `SQLITE_MISMATCH`: a data type mismatch, such as a non-integer rowid.
        public static let mismatch = ResultCode(rawValue: SQLITE_MISMATCH)
        /// `SQLITE_MISUSE`: the library was used incorrectly.
        public static let misuse = ResultCode(rawValue: SQLITE_MISUSE)
        /// `SQLITE_RANGE`: a parameter index is out of range.
        public static let range = ResultCode(rawValue: SQLITE_RANGE)
        /// `SQLITE_NOTADB`: the file is not a database.
        public static let notADatabase = ResultCode(rawValue: SQLITE_NOTADB)
        /// `SQLITE_CONSTRAINT_PRIMARYKEY`: duplicate primary key.
        public static let constraintPrimaryKey = ResultCode(rawValue: SQLITE_CONSTRAINT | (6 << 8))
        /// `SQLITE_CONSTRAINT_UNIQUE`: duplicate value in a `UNIQUE` column.
        public static let constraintUnique = ResultCode(rawValue: SQLITE_CONSTRAINT | (8 << 8))
        /// `SQLITE_CONSTRAINT_NOTNULL`: `NULL` in a `NOT NULL` column.
        public static let constraintNotNull = ResultCode(rawValue: SQLITE_CONSTRAINT | (5 << 8))
    }

    /// The category, for matching.
    public let kind: Kind
    /// The extended result code (`sqlite3_extended_errcode`), for example `SQLITE_CONSTRAINT_PRIMARYKEY`.
    public let extendedCode: ResultCode
    /// SQLite's message (`sqlite3_errmsg`), or this library's message for misuse it detects itself.
    public let message: String
    /// The SQL being prepared or run, if any.
    public let sql: String?
    /// The database file, if known.
    public let path: String?

    /// The primary result code, for example `SQLITE_CONSTRAINT`.
    public var code: ResultCode {
        extendedCode.primary
    }

    /// Creates an error. `kind` defaults to the category of `extendedCode`.
    public init(
        extendedCode: ResultCode,
        message: String,
        sql: String? = nil,
        path: String? = nil,
        kind: Kind? = nil
    ) {
        self.extendedCode = extendedCode
        self.message = message
        self.sql = sql
        self.path = path
        self.kind = kind ?? Self.kind(of: extendedCode)
    }

    /// A sentence naming the file, what failed and what to do.
    public var description: String {
        let file = path ?? "SQLite database"
        switch kind {
        case .fileNotFound:
            return "SQLite database \(file) does not exist; check the path (only mode .create makes a new file)."
        case .notADatabase:
            return "\(file) is not a SQLite database (\(message)); check that the path names a SQLite file."
        case .cannotOpen:
            return "cannot open SQLite database \(file) (\(message)); check that the path is right, that its "
                + "directory exists and that you may read and write there."
        default:
            var sentence = "SQLite error \(extendedCode) in \(file): \(message)"
            if let sql {
                sentence += ", while running `\(sql)`"
            }
            return sentence + "; " + advice + "."
        }
    }

    private var advice: String {
        switch kind {
        case .constraintViolation: "the data breaks a table constraint (duplicate key or missing value)"
        case .busy: "another connection held a lock longer than the busy timeout; retry or stop the other writer"
        case .readOnly: "the database is open read-only or the file is not writable"
        case .corrupt: "the file is damaged; restore it from a copy"
        case .diskFull: "free some disk space"
        case .sqlError: "check the SQL statement and the schema"
        case .misuse: "the calling code uses the SQLite API wrongly"
        case .fileNotFound, .notADatabase, .cannotOpen, .other: "see SQLite's message"
        }
    }

    private static func kind(of code: ResultCode) -> Kind {
        switch code.primary {
        case .notADatabase: .notADatabase
        case .cannotOpen: .cannotOpen
        case .constraint: .constraintViolation
        case .busy, .locked: .busy
        case .readOnly: .readOnly
        case .corrupt: .corrupt
        case .full: .diskFull
        case .error: .sqlError
        case .misuse, .range: .misuse
        default: .other
        }
    }
}

extension SQLiteError {
    /// The error SQLite recorded on `connection` for a call that returned `resultCode`.
    init(resultCode: Int32, connection: OpaquePointer?, sql: String?, path: String?) {
        let message =
            connection.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(resultCode))
        self.init(extendedCode: ResultCode(rawValue: resultCode), message: message, sql: sql, path: path)
    }
}
