import Capture
import MarketData
import SQLite

/// Follows every event of the capture through the run: published and acknowledged (the run database), stored and
/// stamped (the sink), and equal to the reference run (the capture processed directly, without Kafka).
///
/// One pass in `seq` order over the capture and the run database, with a cursor per symbol over the sink read a page
/// at a time (pages shrink as symbols grow in number), so memory stays flat whatever the capture's size.
public struct DeliveryAudit {
    let reader: CaptureReader
    let runDatabasePath: String
    let stored: StoredEventReader
    let runID: UInt64
    let interrupted: Bool
    let lastPublishedSeq: Int64
    let retainedFrom: [Int32: Int64]
    let lostAtFeed: Set<Int64>

    /// - Parameter lostAtFeed: seqs the feed itself lost (a scenario's `feed.drop` and `feed.disconnect`): they
    ///   count as lost at the source, and the reference run skips them as the pipeline never saw them.
    public init(
        reader: CaptureReader,
        runDatabasePath: String,
        stored: StoredEventReader,
        runID: UInt64,
        interrupted: Bool,
        lastPublishedSeq: Int64,
        retainedFrom: [Int32: Int64] = [:],
        lostAtFeed: Set<Int64> = []
    ) {
        self.reader = reader
        self.runDatabasePath = runDatabasePath
        self.stored = stored
        self.runID = runID
        self.interrupted = interrupted
        self.lastPublishedSeq = lastPublishedSeq
        self.retainedFrom = retainedFrom
        self.lostAtFeed = lostAtFeed
    }

    /// Runs the audit: one pass over the capture in `seq` order, merged with one pass over the run database's
    /// deliveries and, per symbol, a cursor over the sink's rows.
    public func run() throws -> AuditReport {
        var report = AuditReport()
        let runDatabase = try SQLiteDatabase(path: runDatabasePath, mode: .readOnly)
        try runDatabase.execute("BEGIN")
        defer { try? runDatabase.execute("COMMIT") }
        let deliveries = try runDatabase.prepare(
            "SELECT seq, kafka_partition, kafka_offset, received_ns, acked_ns, error FROM produced ORDER BY seq"
        )
        defer { deliveries.reset() }
        var hasDelivery = try deliveries.step()
        var latencies = AuditLatencies()
        var captureSymbols = Set(try reader.symbolsByPort().values.flatMap { $0 })
        captureSymbols.insert("")
        let symbols = captureSymbols.union(try stored.storedSymbols()).sorted()
        let pageSize = max(256, min(10_000, 2_000_000 / max(1, symbols.count)))
        var audits: [String: SymbolAudit] = [:]
        var cursors: [String: StoredCursor] = [:]
        for symbol in symbols {
            audits[symbol] = SymbolAudit(
                symbol: symbol,
                runID: runID,
                interrupted: interrupted,
                lastPublishedSeq: lastPublishedSeq,
                retainedFrom: retainedFrom,
                level1Fields: reader.metadata.level1FieldList
            )
            cursors[symbol] = StoredCursor(symbol: symbol, pageSize: pageSize)
        }
        try reader.forEachEvent { event in
            let symbol = event.symbol ?? ""
            let copies = try cursors[symbol]!.take(seq: event.seq, from: stored) { row in
                audits[symbol]!.unexpected(row, report: &report)
            }
            while hasDelivery, deliveries.row.int64(at: 0) < event.seq {
                hasDelivery = try deliveries.step()
            }
            let delivery = hasDelivery && deliveries.row.int64(at: 0) == event.seq ? Self.delivery(deliveries.row) : nil
            if delivery == nil, copies.isEmpty, lostAtFeed.contains(event.seq) {
                audits[symbol]!.lostAtFeed(seq: event.seq, report: &report)
                return
            }
            event.withLineBytes { line in
                audits[symbol]!.check(
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
        for symbol in symbols {
            while let row = try cursors[symbol]!.peek(in: stored) {
                cursors[symbol]!.advance()
                audits[symbol]!.unexpected(row, report: &report)
            }
        }
        report.duplicatesDeliveredByKafka = try stored.duplicatesAbsorbed()
        report.snapshots = try stored.snapshotCounts()
        report.stageLatency = latencies.summaries
        return report
    }

    private static func delivery(_ row: SQLiteRow) -> SymbolAudit.Delivery {
        SymbolAudit.Delivery(
            position: KafkaPosition(partition: Int32(row.int(at: 1)), offset: row.int64(at: 2)),
            receivedNs: row.int64(at: 3),
            ackedNs: row.int64(at: 4),
            error: row.isNull(at: 5) ? nil : row.string(at: 5)
        )
    }
}
