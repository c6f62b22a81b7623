import Capture
import Foundation
import SQLite
import Testing

@Suite("Opening files that are not readable captures")
struct CaptureOpenErrorTests {
    @Test("a missing file names the path")
    func missingFile() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/absent.sqlite"
            let error = try #require(throws: CaptureError.self) { try CaptureReader(path: path) }
            #expect(error.kind == .fileNotFound)
            #expect(error.path == path)
            #expect(
                error.description == "capture \(path) does not exist; check the path, or record one with "
                    + "`harness record`."
            )
            #expect(!FileManager.default.fileExists(atPath: path))
        }
    }

    @Test("a file that is not SQLite is not a capture")
    func notSQLite() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/lines.txt"
            try Data(String(repeating: "Q,AAPL,190.10,100\r\n", count: 500).utf8).write(to: URL(fileURLWithPath: path))
            let error = try #require(throws: CaptureError.self) { try CaptureReader(path: path) }
            #expect(error.kind == .notACapture)
            #expect(error.description.hasPrefix("\(path) is not a capture file (it is not a SQLite database)"))
        }
    }

    @Test("a SQLite database without the capture tables is not a capture")
    func otherSQLite() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/other.sqlite"
            try SQLiteDatabase(path: path, mode: .create).execute("CREATE TABLE quotes(symbol TEXT, bid REAL)")
            let error = try #require(throws: CaptureError.self) { try CaptureReader(path: path) }
            #expect(error.kind == .notACapture)
            #expect(error.description.contains("\(path) is not a capture file (it has no meta table)"))
        }
    }

    @Test("meta without format_version, a missing table, or a missing column is not a capture")
    func incompleteCapture() throws {
        let damages = [
            ("DELETE FROM meta WHERE key = 'format_version'", "its meta table has no format_version"),
            ("DROP TABLE gaps", "it has no gaps table"),
            ("DELETE FROM meta WHERE key = 'source'", "its meta table has no source"),
            ("ALTER TABLE events RENAME COLUMN recv_ns TO received", "no such column: recv_ns"),
        ]
        for (sql, detail) in damages {
            try withTemporaryDirectory { directory in
                let path = directory + "/c.sqlite"
                try Samples.writeCapture(at: path, count: 3)
                try SQLiteDatabase(path: path, mode: .readWrite).execute(sql)
                let error = try #require(throws: CaptureError.self) { try CaptureReader(path: path) }
                #expect(error.kind == .notACapture, "after \(sql)")
                #expect(error.description.contains(detail), "after \(sql): \(error)")
            }
        }
    }

    @Test("a newer format_version is refused with advice, before anything else is read")
    func newerFormat() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/x.sqlite"
            try Samples.writeCapture(at: path, count: 3)
            try SQLiteDatabase(path: path, mode: .readWrite).execute(
                "UPDATE meta SET value = '3' WHERE key = 'format_version'; DROP TABLE events"
            )
            let error = try #require(throws: CaptureError.self) { try CaptureReader(path: path) }
            #expect(error.kind == .newerFormat)
            #expect(
                error.description
                    == "capture \(path) has format_version 3; this harness reads up to 1: upgrade harness."
            )
        }
    }

    @Test(
        "unreadable metadata values are damage",
        arguments: [
            ("format_version", "one"), ("format_version", "0"), ("created_at", "yesterday"),
            ("clock_anchor_unix_ns", "1e9"),
        ]
    )
    func unreadableMetadata(key: String, value: String) throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/c.sqlite"
            try Samples.writeCapture(at: path, count: 3)
            try SQLiteDatabase(path: path, mode: .readWrite).prepare("UPDATE meta SET value = ? WHERE key = ?")
                .execute(value, key)
            let error = try #require(throws: CaptureError.self) { try CaptureReader(path: path) }
            #expect(error.kind == .damaged)
            #expect(error.description.contains("capture \(path) is damaged"))
            #expect(error.description.contains(key))
        }
    }

    @Test("events with an unknown port or a decreasing recv_ns are damage found while streaming")
    func invalidEvents() throws {
        for sql in ["UPDATE events SET port = 1234 WHERE seq = 2", "UPDATE events SET recv_ns = 0 WHERE seq = 3"] {
            try withTemporaryDirectory { directory in
                let path = directory + "/c.sqlite"
                try Samples.writeCapture(at: path, count: 5)
                try SQLiteDatabase(path: path, mode: .readWrite).execute(sql)
                let reader = try CaptureReader(path: path)
                var seen = 0
                let error = try #require(throws: CaptureError.self) { try reader.forEachEvent { _ in seen += 1 } }
                #expect(error.kind == .damaged, "after \(sql)")
                #expect(seen < 3)
                #expect(throws: CaptureError.self) { try reader.checkIntegrity() }
            }
        }
    }
}
