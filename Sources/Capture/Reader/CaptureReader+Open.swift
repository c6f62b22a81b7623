import SQLite

extension CaptureReader {
    /// Opens `path` read-only, turning SQLite's open errors into `CaptureError`.
    static func openDatabase(path: String) throws -> SQLiteDatabase {
        do {
            return try SQLiteDatabase(path: path, mode: .readOnly)
        } catch let error as SQLiteError {
            switch error.kind {
            case .fileNotFound:
                throw CaptureError(
                    .fileNotFound,
                    path: path,
                    message: "capture \(path) does not exist; check the path, or record one with `harness record`.",
                    sqliteError: error
                )
            case .notADatabase:
                throw CaptureError.notACapture(path: path, detail: "it is not a SQLite database", sqliteError: error)
            default:
                throw CaptureError(error, path: path, doing: "opening")
            }
        }
    }

    /// Checks that the file is a whole number of pages, as every SQLite database file is. SQLite itself notices a
    /// file cut short by whole pages, but reads a partial last page as if zeros followed, which could silently
    /// change the last events.
    ///
    /// - Throws: `CaptureError` of kind `.damaged` for a partial last page.
    static func checkWholePages(in database: SQLiteDatabase, path: String) throws {
        let pageSize: Int
        do {
            pageSize = try database.prepare("PRAGMA page_size").firstRow { $0.int(at: 0) } ?? 0
        } catch let error as SQLiteError {
            throw CaptureError(error, path: path, doing: "reading the page size")
        }
        if let size = CaptureFile.size(at: path), pageSize > 0, size % pageSize != 0 {
            throw CaptureError.damaged(
                path: path,
                detail: "the file is \(size) bytes, not a whole number of \(pageSize)-byte pages: it was cut short"
            )
        }
    }

    /// The names of the tables in the database.
    static func tableNames(in database: SQLiteDatabase, path: String) throws -> Set<String> {
        var names: Set<String> = []
        do {
            try database.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").forEachRow { row in
                names.insert(row.string(at: 0))
            }
        } catch let error as SQLiteError {
            throw CaptureError(error, path: path, doing: "reading the list of tables")
        }
        return names
    }

    /// The `meta` rows with a value, by key.
    static func metaRows(in database: SQLiteDatabase, path: String) throws -> [String: String] {
        var rows: [String: String] = [:]
        do {
            try database.prepare("SELECT key, value FROM meta WHERE value IS NOT NULL").forEachRow { row in
                rows[row.string(at: 0)] = row.string(at: 1)
            }
        } catch let error as SQLiteError where error.kind == .sqlError {
            throw CaptureError.notACapture(
                path: path,
                detail: "its meta table lacks the columns key and value: \(error.message)",
                sqliteError: error
            )
        } catch let error as SQLiteError {
            throw CaptureError(error, path: path, doing: "reading meta")
        }
        return rows
    }
}
