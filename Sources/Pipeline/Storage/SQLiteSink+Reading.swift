import SQLite

extension SQLiteSink: StoredEventReader {
    static let storedRowsQuery = """
        SELECT e.seq, 0, e.received_ns, e.consumed_ns, e.processed_ns, b.stored_ns, e.kafka_partition, e.kafka_offset,
            e.bid, e.bid_size, e.ask, e.ask_size, e.mid, e.spread, e.microprice, e.imbalance, e.last_price,
            e.last_size, e.vwap, e.trade_count, e.volatility
        FROM events e LEFT JOIN sink_batches b ON b.batch_id = e.batch_id
        WHERE e.symbol = ?1 AND e.seq > ?2
        UNION ALL
        SELECT l.seq, 1, l.received_ns, l.consumed_ns, l.consumed_ns, b.stored_ns, l.kafka_partition,
            l.kafka_offset, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, NULL
        FROM bad_lines l LEFT JOIN sink_batches b ON b.batch_id = l.batch_id
        WHERE l.symbol = ?1 AND l.seq > ?2
        ORDER BY 1 LIMIT ?3
        """

    public func storedSymbols() throws(SinkError) -> [String] {
        var symbols: [String] = []
        try read("listing stored symbols") {
            try database.prepare("SELECT DISTINCT symbol FROM events UNION SELECT DISTINCT symbol FROM bad_lines")
                .forEachRow { symbols.append($0.string(at: 0)) }
        }
        return symbols.sorted()
    }

    public func storedRows(of symbol: String, afterSeq: Int64, limit: Int) throws(SinkError) -> [StoredRow] {
        var rows: [StoredRow] = []
        rows.reserveCapacity(limit)
        try read("reading stored events of \(symbol)") {
            let statement = try database.prepare(Self.storedRowsQuery)
            try statement.bind(symbol, at: 1)
            try statement.bind(afterSeq, at: 2)
            try statement.bind(limit, at: 3)
            try statement.forEachRow { row in
                let isBad = row.int(at: 1) == 1
                func double(_ index: Int) -> Double? { row.isNull(at: index) ? nil : row.double(at: index) }
                func int(_ index: Int) -> Int? { row.isNull(at: index) ? nil : row.int(at: index) }
                rows.append(
                    StoredRow(
                        seq: row.int64(at: 0),
                        isBadLine: isBad,
                        receivedNs: row.int64(at: 2),
                        consumedNs: row.int64(at: 3),
                        processedNs: row.int64(at: 4),
                        storedNs: row.isNull(at: 5) ? nil : row.int64(at: 5),
                        position: KafkaPosition(partition: Int32(row.int(at: 6)), offset: row.int64(at: 7)),
                        features: isBad
                            ? nil
                            : StoredFeatures(
                                bid: double(8),
                                bidSize: int(9),
                                ask: double(10),
                                askSize: int(11),
                                mid: double(12),
                                spread: double(13),
                                microprice: double(14),
                                imbalance: double(15),
                                lastPrice: double(16),
                                lastSize: int(17),
                                vwap: double(18),
                                tradeCount: row.int(at: 19),
                                volatility: double(20)
                            )
                    )
                )
            }
        }
        return rows
    }

    public func duplicatesAbsorbed() throws(SinkError) -> Int64 {
        var total: Int64 = 0
        try read("counting absorbed duplicates") {
            _ = try database.prepare("SELECT coalesce(sum(duplicates), 0) FROM sink_batches").firstRow {
                total = $0.int64(at: 0)
            }
        }
        return total
    }

    public func snapshotCounts() throws(SinkError) -> [String: Int64] {
        var counts: [String: Int64] = [:]
        try read("counting snapshots") {
            try database.prepare("SELECT reason, count(*) FROM book_snapshots GROUP BY reason").forEachRow {
                counts[$0.string(at: 0)] = $0.int64(at: 1)
            }
        }
        return counts
    }

    private func read(_ doing: String, _ body: () throws -> Void) throws(SinkError) {
        do {
            try body()
        } catch {
            throw Self.sinkError(error, path: path, doing: doing)
        }
    }
}
