import ClickHouse
import MarketData
import SystemSupport

/// The ClickHouse sink: each batch is one `INSERT … FORMAT TabSeparated` per table over HTTP, built straight
/// from the Kafka message buffers. Idempotent by ReplacingMergeTree on `(symbol, seq)`: copies of a re-delivered
/// event merge away, and readers that must not see them read with `FINAL`.
///
/// The batch's rows are sent bad lines and snapshots first, then events, and last the batch record with its stored
/// stamp: a rebuild reads the events, so a batch cut short must not leave events without the rest.
public final class ClickHouseSink: EventSink {
    public let endpoint: ClickHouseEndpoint
    public var destination: String { "clickhouse \(endpoint.host):\(endpoint.port)/\(endpoint.database)" }
    let client: ClickHouseClient
    private var events: [UInt8] = []
    private var badLines: [UInt8] = []
    private var snapshots: [UInt8] = []
    private var batch: (id: Int64, rows: Int)?

    /// Connects and creates the tables if needed.
    public init(endpoint: ClickHouseEndpoint) throws(SinkError) {
        self.endpoint = endpoint
        do {
            client = try ClickHouseClient(
                host: endpoint.host,
                port: endpoint.port,
                database: endpoint.database,
                user: endpoint.user,
                password: endpoint.password
            )
            for table in ClickHouseSinkSchema.tables { try client.execute(table) }
        } catch {
            throw Self.sinkError(error, endpoint: endpoint, doing: "connecting and creating the tables")
        }
    }

    public func beginBatch(id: Int64) throws(SinkError) {
        events.removeAll(keepingCapacity: true)
        badLines.removeAll(keepingCapacity: true)
        snapshots.removeAll(keepingCapacity: true)
        batch = (id, 0)
    }

    public func append(_ event: SinkEvent) throws(SinkError) {
        guard let id = batch?.id else { throw Self.noBatch }
        batch?.rows += 1
        let features = event.features
        ClickHouseTSV.appendEscaped(event.symbol, to: &events)
        field(&events, integer: event.seq)
        field(&events, integer: event.port.rawValue)
        events.append(ClickHouseTSV.fieldSeparator)
        ClickHouseTSV.appendEscaped(event.typeCode, to: &events)
        events.append(ClickHouseTSV.fieldSeparator)
        ClickHouseTSV.appendEscaped(event.line, to: &events)
        field(&events, integer: event.stamps.receivedNs)
        field(&events, integer: event.stamps.consumedNs)
        field(&events, integer: event.stamps.processedNs)
        field(&events, integer: id)
        field(&events, integer: event.position.partition)
        field(&events, integer: event.position.offset)
        field(&events, double: features.bestBid?.price.doubleValue)
        field(&events, integer: features.bestBid?.size)
        field(&events, double: features.bestAsk?.price.doubleValue)
        field(&events, integer: features.bestAsk?.size)
        field(&events, double: features.mid)
        field(&events, double: features.spread)
        field(&events, double: features.microprice)
        field(&events, double: features.imbalance)
        field(&events, double: features.lastTradePrice?.doubleValue)
        field(&events, integer: features.lastTradeSize)
        field(&events, double: features.vwap)
        field(&events, integer: features.tradeCount)
        field(&events, double: features.realizedVolatility)
        events.append(ClickHouseTSV.rowTerminator)
    }

    public func append(_ badLine: SinkBadLine) throws(SinkError) {
        guard let id = batch?.id else { throw Self.noBatch }
        batch?.rows += 1
        ClickHouseTSV.appendInteger(badLine.seq, to: &badLines)
        badLines.append(ClickHouseTSV.fieldSeparator)
        ClickHouseTSV.appendEscaped(badLine.symbol, to: &badLines)
        field(&badLines, integer: badLine.port.rawValue)
        badLines.append(ClickHouseTSV.fieldSeparator)
        ClickHouseTSV.appendEscaped(badLine.line, to: &badLines)
        badLines.append(ClickHouseTSV.fieldSeparator)
        ClickHouseTSV.appendEscaped(badLine.reason, to: &badLines)
        field(&badLines, integer: badLine.stamps.receivedNs)
        field(&badLines, integer: badLine.stamps.consumedNs)
        field(&badLines, integer: id)
        field(&badLines, integer: badLine.position.partition)
        field(&badLines, integer: badLine.position.offset)
        badLines.append(ClickHouseTSV.rowTerminator)
    }

    public func append(_ snapshot: BookSnapshot) throws(SinkError) {
        guard batch != nil else { throw Self.noBatch }
        ClickHouseTSV.appendEscaped(snapshot.symbol, to: &snapshots)
        field(&snapshots, integer: snapshot.seq)
        for text in [snapshot.reason.rawValue, BookSnapshot.encode(snapshot.bids), BookSnapshot.encode(snapshot.asks)] {
            snapshots.append(ClickHouseTSV.fieldSeparator)
            ClickHouseTSV.appendEscaped(text, to: &snapshots)
        }
        snapshots.append(ClickHouseTSV.rowTerminator)
    }

    public func commitBatch(processor: String) throws(SinkError) -> SinkBatchResult {
        guard let open = batch else { throw Self.noBatch }
        do {
            // Events last but one: a rebuild reads events, so once an event row exists the rest of its batch
            // (bad lines, snapshots) must exist too; the batch record with its stored stamp comes last.
            if !badLines.isEmpty { try client.insert(ClickHouseSinkSchema.insertBadLines, body: badLines) }
            if !snapshots.isEmpty { try client.insert(ClickHouseSinkSchema.insertSnapshots, body: snapshots) }
            if !events.isEmpty { try client.insert(ClickHouseSinkSchema.insertEvents, body: events) }
            var record: [UInt8] = []
            ClickHouseTSV.appendInteger(open.id, to: &record)
            record.append(ClickHouseTSV.fieldSeparator)
            ClickHouseTSV.appendEscaped(processor, to: &record)
            field(&record, integer: MonotonicClock.unixNanoseconds())
            field(&record, integer: open.rows)
            field(&record, integer: 0)
            record.append(ClickHouseTSV.rowTerminator)
            try client.insert(ClickHouseSinkSchema.insertBatches, body: record)
        } catch {
            throw Self.sinkError(error, endpoint: endpoint, doing: "storing batch \(open.id)")
        }
        batch = nil
        return SinkBatchResult(rows: open.rows, duplicates: nil)
    }

    public func rollbackBatch() {
        batch = nil
    }

    public func forEachStoredLine(
        of symbol: String,
        _ body: (Int64, FeedPort, UnsafeRawBufferPointer) -> Void
    ) throws(SinkError) {
        let rows = try query(
            "SELECT seq, port, line FROM events FINAL WHERE symbol = \(Self.quoted(symbol)) ORDER BY seq",
            doing: "reading the stored events of \(symbol)"
        )
        for row in rows where row.count == 3 {
            guard let seq = row[0].flatMap({ Int64($0) }),
                let port = row[1].flatMap({ Int($0) }).flatMap(FeedPort.init),
                var line = row[2]
            else { continue }
            line.withUTF8 { body(seq, port, UnsafeRawBufferPointer($0)) }
        }
    }

    func query(_ sql: String, doing: String) throws(SinkError) -> [[String?]] {
        do {
            return ClickHouseTSV.rows(try client.query(sql + " FORMAT TabSeparated"))
        } catch {
            throw Self.sinkError(error, endpoint: endpoint, doing: doing)
        }
    }

    /// `text` as a ClickHouse string literal.
    static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }

    private func field(_ buffer: inout [UInt8], integer value: (some FixedWidthInteger)?) {
        buffer.append(ClickHouseTSV.fieldSeparator)
        if let value {
            ClickHouseTSV.appendInteger(value, to: &buffer)
        } else {
            buffer.append(contentsOf: Self.null)
        }
    }

    private func field(_ buffer: inout [UInt8], double value: Double?) {
        buffer.append(ClickHouseTSV.fieldSeparator)
        if let value {
            buffer.append(contentsOf: "\(value)".utf8)
        } else {
            buffer.append(contentsOf: Self.null)
        }
    }

    private static let null: [UInt8] = Array("\\N".utf8)
    private static let noBatch = SinkError(.rejected, "the ClickHouse sink was written to without an open batch")

    static func sinkError(_ error: ClickHouseError, endpoint: ClickHouseEndpoint, doing: String) -> SinkError {
        let message = "ClickHouse sink \(endpoint.host):\(endpoint.port): \(doing) failed: \(error)"
        switch error.kind {
        case .unreachable, .timedOut, .protocolError: return SinkError(.unavailable, message)
        case .server: return SinkError(.rejected, message)
        }
    }
}
