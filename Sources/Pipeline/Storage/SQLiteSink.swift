import Foundation
import MarketData
import SQLite
import SystemSupport

/// The embedded default sink: one SQLite file (WAL, `synchronous=NORMAL`), one transaction per batch, prepared
/// statements bound straight from the Kafka message buffers.
///
/// Several processes may share the file (each processor opens its own connection); SQLite serialises their
/// writes, waiting up to the busy time-out.
public final class SQLiteSink: EventSink {
    public let path: String
    public var destination: String { "sqlite \(path)" }
    let database: SQLiteDatabase
    private let insertEvent: SQLiteStatement
    private let insertBadLine: SQLiteStatement
    private let insertSnapshot: SQLiteStatement
    private let insertBatch: SQLiteStatement
    private var batch: (id: Int64, rows: Int, duplicates: Int)?
    private var checkpointer: SQLiteCheckpointer?
    private var transactionOpen = false

    /// Opens (creating if needed) the sink database at `path`.
    public init(path: String, busyTimeout: Duration = .seconds(30)) throws(SinkError) {
        self.path = path
        do {
            let database = try SQLiteDatabase(path: path, mode: .create, busyTimeout: busyTimeout)
            self.database = database
            try database.execute("PRAGMA journal_mode = WAL")
            try database.execute("PRAGMA synchronous = NORMAL")
            // Checkpoints run on the sink's checkpointer thread, not inside a processor's commit.
            try database.execute("PRAGMA wal_autocheckpoint = 0")
            try database.transaction {
                try database.execute(SQLiteSinkSchema.create)
                try database.execute(
                    "INSERT OR IGNORE INTO sink_meta VALUES ('schema_version', '\(SQLiteSinkSchema.version)')"
                )
            }
            insertEvent = try database.prepare(SQLiteSinkSchema.insertEvent)
            insertBadLine = try database.prepare(SQLiteSinkSchema.insertBadLine)
            insertSnapshot = try database.prepare(SQLiteSinkSchema.insertSnapshot)
            insertBatch = try database.prepare(SQLiteSinkSchema.insertBatch)
        } catch {
            throw Self.sinkError(error, path: path, doing: "opening the sink")
        }
    }

    /// Starts a batch. The transaction begins with the first row, so a poll that brings nothing never takes the
    /// write lock other processors and readers wait for.
    public func beginBatch(id: Int64) throws(SinkError) {
        batch = (id, 0, 0)
        transactionOpen = false
    }

    private func openTransaction() throws(SinkError) {
        guard !transactionOpen else { return }
        try run("starting a batch") { try database.execute("BEGIN IMMEDIATE") }
        transactionOpen = true
    }

    public func append(_ event: SinkEvent) throws(SinkError) {
        guard let id = batch?.id else { throw Self.noBatch }
        try openTransaction()
        let features = event.features
        var symbol = event.symbol
        try run("storing event \(event.seq)") {
            try symbol.withUTF8 { symbol in
                try insertEvent.withBorrowedBindings { bindings in
                    try bindings.bindText(UnsafeRawBufferPointer(symbol), at: 1)
                    try insertEvent.bind(event.seq, at: 2)
                    try insertEvent.bind(event.port.rawValue, at: 3)
                    try bindings.bindText(event.typeCode, at: 4)
                    try bindings.bindText(event.line, at: 5)
                    try insertEvent.bind(event.stamps.receivedNs, at: 6)
                    try insertEvent.bind(event.stamps.consumedNs, at: 7)
                    try insertEvent.bind(event.stamps.processedNs, at: 8)
                    try insertEvent.bind(id, at: 9)
                    try insertEvent.bind(Int64(event.position.partition), at: 10)
                    try insertEvent.bind(event.position.offset, at: 11)
                    try bind(features.bestBid?.price.doubleValue, at: 12)
                    try bind(features.bestBid?.size, at: 13)
                    try bind(features.bestAsk?.price.doubleValue, at: 14)
                    try bind(features.bestAsk?.size, at: 15)
                    try bind(features.mid, at: 16)
                    try bind(features.spread, at: 17)
                    try bind(features.microprice, at: 18)
                    try bind(features.imbalance, at: 19)
                    try bind(features.lastTradePrice?.doubleValue, at: 20)
                    try bind(features.lastTradeSize, at: 21)
                    try bind(features.vwap, at: 22)
                    try insertEvent.bind(features.tradeCount, at: 23)
                    try bind(features.realizedVolatility, at: 24)
                    try insertEvent.execute()
                }
            }
        }
        count(changes: database.changes)
    }

    public func append(_ badLine: SinkBadLine) throws(SinkError) {
        guard let id = batch?.id else { throw Self.noBatch }
        try openTransaction()
        try run("storing bad line \(badLine.seq)") {
            try insertBadLine.withBorrowedBindings { _ in
                try insertBadLine.bind(badLine.seq, at: 1)
                try insertBadLine.bind(badLine.symbol, at: 2)
                try insertBadLine.bind(badLine.port.rawValue, at: 3)
                try insertBadLine.bind(Array(badLine.line), at: 4)
                try insertBadLine.bind(badLine.reason, at: 5)
                try insertBadLine.bind(badLine.stamps.receivedNs, at: 6)
                try insertBadLine.bind(badLine.stamps.consumedNs, at: 7)
                try insertBadLine.bind(id, at: 8)
                try insertBadLine.bind(Int64(badLine.position.partition), at: 9)
                try insertBadLine.bind(badLine.position.offset, at: 10)
                try insertBadLine.execute()
            }
        }
        count(changes: database.changes)
    }

    public func append(_ snapshot: BookSnapshot) throws(SinkError) {
        guard batch != nil else { throw Self.noBatch }
        try openTransaction()
        try run("storing a snapshot of \(snapshot.symbol)") {
            try insertSnapshot.execute(
                snapshot.symbol,
                snapshot.seq,
                snapshot.reason.rawValue,
                BookSnapshot.encode(snapshot.bids),
                BookSnapshot.encode(snapshot.asks)
            )
        }
    }

    public func commitBatch(processor: String) throws(SinkError) -> SinkBatchResult {
        guard let open = batch else { throw Self.noBatch }
        guard transactionOpen else {
            batch = nil
            return SinkBatchResult(rows: 0, duplicates: 0)
        }
        if checkpointer == nil {
            // Only connections that write need one; a processor's rebuild reader and the audit never commit.
            checkpointer = SQLiteCheckpointer(path: path)
        }
        try run("committing batch \(open.id)") {
            // The batch record goes in the same transaction: a stored row always has its batch's stamp.
            try insertBatch.execute(open.id, processor, MonotonicClock.unixNanoseconds(), open.rows, open.duplicates)
            try database.execute("COMMIT")
        }
        batch = nil
        transactionOpen = false
        return SinkBatchResult(rows: open.rows, duplicates: open.duplicates)
    }

    public func rollbackBatch() {
        batch = nil
        guard transactionOpen else { return }
        transactionOpen = false
        try? database.execute("ROLLBACK")
    }

    public func forEachStoredLine(
        of symbol: String,
        _ body: (Int64, FeedPort, UnsafeRawBufferPointer) -> Void
    ) throws(SinkError) {
        try run("reading the stored events of \(symbol)") {
            let statement = try database.prepare(SQLiteSinkSchema.storedLines)
            try statement.bind(symbol, at: 1)
            try statement.forEachRow { row in
                guard let port = FeedPort(rawValue: row.int(at: 1)) else { return }
                row.withUnsafeBytes(at: 2) { line in body(row.int64(at: 0), port, line) }
            }
        }
    }

    private func count(changes: Int) {
        batch?.rows += 1
        if changes == 0 { batch?.duplicates += 1 }
    }

    private func bind(_ value: Double?, at index: Int) throws {
        if let value { try insertEvent.bind(value, at: index) } else { try insertEvent.bindNull(at: index) }
    }

    private func bind(_ value: Int?, at index: Int) throws {
        if let value { try insertEvent.bind(value, at: index) } else { try insertEvent.bindNull(at: index) }
    }

    private func run(_ doing: String, _ body: () throws -> Void) throws(SinkError) {
        do {
            try body()
        } catch {
            throw Self.sinkError(error, path: path, doing: doing)
        }
    }

    private static let noBatch = SinkError(.rejected, "the SQLite sink was written to without an open batch")

    static func sinkError(_ error: any Error, path: String, doing: String) -> SinkError {
        let message = "SQLite sink \(path): \(doing) failed: \(error)"
        guard let error = error as? SQLiteError else { return SinkError(.rejected, message) }
        switch error.kind {
        case .busy, .diskFull, .cannotOpen: return SinkError(.unavailable, message)
        default: return SinkError(.rejected, message)
        }
    }
}
