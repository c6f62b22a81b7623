import Foundation
import SQLite

/// Runs `body` with a new empty directory, then removes the directory and everything in it.
func withTemporaryDirectory<Result>(_ body: (URL) throws -> Result) throws -> Result {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("SQLiteTests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try body(directory)
}

/// Runs `body` with a new database created in its own temporary directory.
func withTemporaryDatabase<Result>(_ body: (SQLiteDatabase) throws -> Result) throws -> Result {
    try withTemporaryDirectory { directory in
        let database = try SQLiteDatabase(path: directory.appendingPathComponent("test.sqlite").path, mode: .create)
        return try body(database)
    }
}
