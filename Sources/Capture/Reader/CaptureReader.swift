import MarketData
import SQLite

/// Reads a capture file: its metadata, a summary of its events, its gaps, and the events themselves, streamed in
/// `seq` order with constant memory whatever the file's size (`forEachEvent(filter:_:)`).
///
/// Opening validates the file, so a wrong path, a file that is not a capture, a capture from a newer harness, or a
/// damaged file each fail with their own `CaptureError` naming the file. Damage found later, while streaming
/// (a truncated or corrupt file can look fine until the damaged page is read), throws `CaptureError` of kind
/// `.damaged` at that point: reads never stop early silently.
///
/// The file is opened read-only and may be read while a `CaptureWriter` is still recording into it: each query sees
/// the batches committed when it starts.
///
/// Not `Sendable`: use a reader from one task or thread at a time.
public final class CaptureReader {
    /// The capture file.
    public let path: String
    /// The capture's metadata.
    public let metadata: CaptureMetadata

    let database: SQLiteDatabase
    private let countEvents: SQLiteStatement
    private let firstEvent: SQLiteStatement
    private let lastEvent: SQLiteStatement
    let eventAtOrAfter: SQLiteStatement
    private let selectGaps: SQLiteStatement

    /// The columns read for each event, in the order of `CaptureEventView.Column`.
    static let eventColumns = "seq, recv_ns, port, symbol, line"

    /// Opens the capture at `path` read-only and reads its metadata.
    ///
    /// - Throws: `CaptureError` of kind `.fileNotFound` if there is no file at `path`; `.notACapture` if it is not a
    ///   SQLite database, or lacks the capture tables or metadata; `.newerFormat` if its `format_version` is newer
    ///   than `CaptureFormat.version`; `.damaged` if it is truncated or corrupt where opening reads it;
    ///   `.storage` if SQLite cannot read it (permissions, locks).
    public init(path: String) throws {
        self.path = path
        database = try Self.openDatabase(path: path)
        try Self.checkWholePages(in: database, path: path)
        let tables = try Self.tableNames(in: database, path: path)
        guard tables.contains("meta") else {
            throw CaptureError.notACapture(path: path, detail: "it has no meta table")
        }
        let rows = try Self.metaRows(in: database, path: path)
        guard let versionText = rows[CaptureMetadata.Key.formatVersion] else {
            throw CaptureError.notACapture(path: path, detail: "its meta table has no format_version")
        }
        if let version = Int(versionText), version > CaptureFormat.version {
            throw CaptureError(
                .newerFormat,
                path: path,
                message: "capture \(path) has format_version \(version); this harness reads up to "
                    + "\(CaptureFormat.version): upgrade harness."
            )
        }
        if let missing = CaptureFormat.tables.subtracting(tables).sorted().first {
            throw CaptureError.notACapture(path: path, detail: "it has no \(missing) table")
        }
        metadata = try CaptureMetadata(rows: rows, path: path)
        guard metadata.formatVersion >= 1 else {
            throw CaptureError.damaged(path: path, detail: "meta format_version is \(metadata.formatVersion)")
        }
        do {
            countEvents = try database.prepare("SELECT count(*) FROM events")
            firstEvent = try database.prepare("SELECT seq, recv_ns FROM events ORDER BY seq LIMIT 1")
            lastEvent = try database.prepare("SELECT seq, recv_ns FROM events ORDER BY seq DESC LIMIT 1")
            eventAtOrAfter = try database.prepare("SELECT seq, recv_ns FROM events WHERE seq >= ? ORDER BY seq LIMIT 1")
            _ = try database.prepare("SELECT \(Self.eventColumns) FROM events")
            selectGaps = try database.prepare(
                "SELECT start_ns, end_ns, port, reason FROM gaps ORDER BY start_ns, rowid"
            )
        } catch let error as SQLiteError where error.kind == .sqlError {
            throw CaptureError.notACapture(
                path: path,
                detail: "its tables lack capture columns: \(error.message)",
                sqliteError: error
            )
        } catch let error as SQLiteError {
            throw CaptureError(error, path: path, doing: "opening")
        }
    }

    /// The number of events (`SELECT count(*)`, which reads every page of the events table: about a millisecond per
    /// 10,000 events from a cached file).
    ///
    /// - Throws: `CaptureError` of kind `.damaged` or `.storage`.
    public func eventCount() throws -> Int {
        try query(countEvents, doing: "counting events") { $0.int(at: 0) } ?? 0
    }

    /// The `seq` of the first and last event, or `nil` for a capture without events. Reads two rows.
    ///
    /// - Throws: `CaptureError` of kind `.damaged` or `.storage`.
    public func seqRange() throws -> ClosedRange<Int64>? {
        guard let first = try firstAndLast() else {
            return nil
        }
        return first.first.seq...first.last.seq
    }

    /// The `recv_ns` of the first and last event, or `nil` for a capture without events. Reads two rows.
    ///
    /// - Throws: `CaptureError` of kind `.damaged` or `.storage`.
    public func recvNsSpan() throws -> ClosedRange<Int64>? {
        guard let ends = try firstAndLast() else {
            return nil
        }
        guard ends.first.recvNs <= ends.last.recvNs else {
            throw CaptureError.damaged(
                path: path,
                detail: "the last event (seq \(ends.last.seq)) has recv_ns \(ends.last.recvNs), before the first "
                    + "event's \(ends.first.recvNs)"
            )
        }
        return ends.first.recvNs...ends.last.recvNs
    }

    /// The recorded disconnects, by start time.
    ///
    /// - Throws: `CaptureError` of kind `.damaged` (also for a gap with an unknown port) or `.storage`.
    public func gaps() throws -> [CaptureGap] {
        var gaps: [CaptureGap] = []
        do {
            try selectGaps.forEachRow { row in
                guard let port = FeedPort(rawValue: row.int(at: 2)) else {
                    throw CaptureError.damaged(path: path, detail: "a gap has port \(row.int(at: 2)), no IQFeed port")
                }
                gaps.append(
                    CaptureGap(
                        startNs: row.int64(at: 0),
                        endNs: row.int64(at: 1),
                        port: port,
                        reason: row.string(at: 3)
                    )
                )
            }
        } catch let error as SQLiteError {
            throw CaptureError(error, path: path, doing: "reading gaps")
        }
        return gaps
    }

    /// Runs `statement`, with `value` bound to its parameter if given, and returns `body` applied to its first row,
    /// turning SQLite errors into `CaptureError`.
    func query<Result>(
        _ statement: SQLiteStatement,
        binding value: Int64? = nil,
        doing: String,
        _ body: (SQLiteRow) throws -> Result
    ) throws -> Result? {
        do {
            if let value {
                try statement.bind(value, at: 1)
            }
            return try statement.firstRow(body)
        } catch let error as SQLiteError {
            throw CaptureError(error, path: path, doing: doing)
        }
    }

    private func firstAndLast() throws -> (first: (seq: Int64, recvNs: Int64), last: (seq: Int64, recvNs: Int64))? {
        let read = { (row: SQLiteRow) in (seq: row.int64(at: 0), recvNs: row.int64(at: 1)) }
        guard let first = try query(firstEvent, doing: "reading the first event", read),
            let last = try query(lastEvent, doing: "reading the last event", read)
        else {
            return nil
        }
        return (first, last)
    }
}
