import Capture
import MarketData
import SQLite

/// Follows every event of the capture through the run: published and acknowledged (the run database), stored and
/// stamped (the sink), and equal to the reference run (the capture processed directly, without Kafka).
///
/// Works symbol by symbol in `seq` order, reading the capture, the sink a page at a time and the run database by
/// key, so memory stays flat whatever the capture's size.
public struct DeliveryAudit {
    let reader: CaptureReader
    let runDatabasePath: String
    let stored: StoredEventReader
    let runID: UInt64
    let interrupted: Bool
    let pageSize = 10_000

    public init(
        reader: CaptureReader,
        runDatabasePath: String,
        stored: StoredEventReader,
        runID: UInt64,
        interrupted: Bool
    ) {
        self.reader = reader
        self.runDatabasePath = runDatabasePath
        self.stored = stored
        self.runID = runID
        self.interrupted = interrupted
    }

    /// Runs the audit.
    public func run() throws -> AuditReport {
        var report = AuditReport()
        let runDatabase = try SQLiteDatabase(path: runDatabasePath, mode: .readOnly)
        let produced = try runDatabase.prepare(
            "SELECT kafka_partition, kafka_offset, received_ns, acked_ns, error FROM produced WHERE seq = ?1"
        )
        var latencies = AuditLatencies()
        var captureSymbols = Set(try reader.symbolsByPort().values.flatMap { $0 })
        captureSymbols.insert("")
        let symbols = captureSymbols.union(try stored.storedSymbols()).sorted()
        for symbol in symbols {
            var pass = SymbolAudit(
                symbol: symbol,
                runID: runID,
                interrupted: interrupted,
                level1Fields: reader.metadata.level1FieldList
            )
            var page = try stored.storedRows(of: symbol, afterSeq: 0, limit: pageSize)
            var pageIndex = 0
            func nextStored() throws(SinkError) -> StoredRow? {
                if pageIndex == page.count {
                    guard page.count == pageSize, let last = page.last else { return nil }
                    page = try stored.storedRows(of: symbol, afterSeq: last.seq, limit: pageSize)
                    pageIndex = 0
                    guard !page.isEmpty else { return nil }
                }
                return page[pageIndex]
            }
            let filter = CaptureEventFilter(
                symbols: symbol.isEmpty ? [] : [symbol],
                includesEventsWithoutSymbol: symbol.isEmpty
            )
            try reader.forEachEvent(filter: filter) { event in
                var copies: [StoredRow] = []
                while let row = try nextStored(), row.seq <= event.seq {
                    pageIndex += 1
                    if row.seq == event.seq { copies.append(row) } else { pass.unexpected(row, report: &report) }
                }
                let delivery = try Self.delivery(seq: event.seq, statement: produced)
                event.withLineBytes { line in
                    pass.check(
                        seq: event.seq,
                        port: event.port,
                        line: line,
                        delivery: delivery,
                        copies: copies,
                        report: &report,
                        latencies: &latencies
                    )
                }
            }
            while let row = try nextStored() {
                pageIndex += 1
                pass.unexpected(row, report: &report)
            }
        }
        report.duplicatesDeliveredByKafka = try stored.duplicatesAbsorbed()
        report.snapshots = try stored.snapshotCounts()
        report.stageLatency = latencies.summaries
        return report
    }

    private static func delivery(seq: Int64, statement: SQLiteStatement) throws -> SymbolAudit.Delivery? {
        try statement.bind(seq, at: 1)
        defer { statement.reset() }
        guard try statement.step() else { return nil }
        let row = statement.row
        return SymbolAudit.Delivery(
            position: KafkaPosition(partition: Int32(row.int(at: 0)), offset: row.int64(at: 1)),
            receivedNs: row.int64(at: 2),
            ackedNs: row.int64(at: 3),
            error: row.isNull(at: 4) ? nil : row.string(at: 4)
        )
    }
}
