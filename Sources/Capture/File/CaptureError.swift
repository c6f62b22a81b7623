import SQLite

/// An error reading or writing a capture file, with a sentence that names the file and says what to do.
///
/// Match on `kind`; print `description` (the same as `message`) for people.
public struct CaptureError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, in the categories callers handle differently.
    public enum Kind: Sendable, Hashable {
        /// The capture file does not exist.
        case fileNotFound
        /// A writer was asked to create a file that already exists; captures are never overwritten.
        case alreadyExists
        /// The file is not a SQLite database, or a SQLite database without the capture tables and metadata.
        case notACapture
        /// The file has a newer `format_version` than this harness reads (`CaptureFormat.version`).
        case newerFormat
        /// The file is truncated or corrupt, or holds values no writer produces.
        case damaged
        /// An appended event's `recv_ns` is smaller than the previous event's.
        case outOfOrder
        /// A writer was given a value it cannot store faithfully: a line with CR or LF, a gap that ends before
        /// it starts, a metadata key or value that would not read back the same.
        case invalidInput
        /// The writer was used after `finish()`.
        case finished
        /// SQLite could not read or write the file: permissions, disk full, I/O error, a lock held by another
        /// process. `sqliteError` has the details. A writer stops after such an error.
        case storage
    }

    /// What went wrong.
    public let kind: Kind
    /// The capture file.
    public let path: String
    /// A sentence naming the file, what went wrong and what to do.
    public let message: String
    /// The SQLite error behind this one, if any.
    public let sqliteError: SQLiteError?

    /// Creates an error of `kind` about the capture at `path`.
    public init(_ kind: Kind, path: String, message: String, sqliteError: SQLiteError? = nil) {
        self.kind = kind
        self.path = path
        self.message = message
        self.sqliteError = sqliteError
    }

    /// The same as `message`.
    public var description: String {
        message
    }
}

extension CaptureError {
    /// The error for a SQLite failure while `doing` something with the capture at `path`: a damaged file for
    /// corruption, otherwise a storage error.
    init(_ error: SQLiteError, path: String, doing: String) {
        switch error.kind {
        case .corrupt, .notADatabase:
            self = .damaged(path: path, detail: "\(error.message) while \(doing)", sqliteError: error)
        default:
            self.init(
                .storage,
                path: path,
                message: "capture \(path): SQLite failed while \(doing): \(error.message) (result code "
                    + "\(error.extendedCode.rawValue)); \(Self.advice(for: error.kind)).",
                sqliteError: error
            )
        }
    }

    private static func advice(for kind: SQLiteError.Kind) -> String {
        switch kind {
        case .busy: "another process holds a lock on the file: stop it or wait for it to finish"
        case .readOnly: "the file or its directory is not writable: check the permissions"
        case .diskFull: "the disk is full: free some space"
        default: "check that the file is readable, that its directory is writable and that the disk has space"
        }
    }

    /// The error for a capture that is truncated or corrupt.
    static func damaged(path: String, detail: String, sqliteError: SQLiteError? = nil) -> CaptureError {
        CaptureError(
            .damaged,
            path: path,
            message: "capture \(path) is damaged (\(detail)); restore it from a copy or record it again.",
            sqliteError: sqliteError
        )
    }

    /// The error for a file that is not a capture.
    static func notACapture(path: String, detail: String, sqliteError: SQLiteError? = nil) -> CaptureError {
        CaptureError(
            .notACapture,
            path: path,
            message:
                "\(path) is not a capture file (\(detail)); check the path: captures are made by `harness record`.",
            sqliteError: sqliteError
        )
    }

    /// The error for a value a writer cannot store faithfully.
    static func invalidInput(path: String, _ detail: String) -> CaptureError {
        CaptureError(.invalidInput, path: path, message: "capture \(path): \(detail).")
    }
}
