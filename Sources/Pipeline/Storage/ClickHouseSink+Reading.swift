import ClickHouse

extension ClickHouseSink: StoredEventReader {
    public func storedSymbols() throws(SinkError) -> [String] {
        let events = try query("SELECT DISTINCT symbol FROM events", doing: "listing stored symbols")
        let bad = try query("SELECT DISTINCT symbol FROM bad_lines", doing: "listing stored symbols")
        return Set((events + bad).compactMap { $0.first ?? nil }).sorted()
    }

    /// Reads without `FINAL`, so copies not merged yet show up as duplicates stored.
    public func storedRows(of symbol: String, afterSeq: Int64, limit: Int) throws(SinkError) -> [StoredRow] {
        let condition = "symbol = \(Self.quoted(symbol)) AND seq > \(afterSeq)"
        let eventRows = try query(
            """
            SELECT seq, received_ns, consumed_ns, processed_ns, batch_id, kafka_partition, kafka_offset,
                bid, bid_size, ask, ask_size, mid, spread, microprice, imbalance, last_price, last_size, vwap,
                trade_count, volatility
            FROM events WHERE \(condition) ORDER BY seq LIMIT \(limit)
            """,
            doing: "reading stored events of \(symbol)"
        )
        let full = eventRows.count == limit
        let lastSeq = full ? eventRows.last?.first.flatMap { $0.flatMap { Int64($0) } } : nil
        let badRows = try query(
            """
            SELECT seq, received_ns, consumed_ns, consumed_ns, batch_id, kafka_partition, kafka_offset
            FROM bad_lines WHERE \(condition)\(lastSeq.map { " AND seq <= \($0)" } ?? "") ORDER BY seq
            """,
            doing: "reading stored bad lines of \(symbol)"
        )
        let stored = try storedStamps(
            batchIDs: Set((eventRows + badRows).compactMap { $0.count > 4 ? $0[4].flatMap { Int64($0) } : nil })
        )
        var rows = eventRows.compactMap { Self.row($0, isBadLine: false, stored: stored) }
        rows += badRows.compactMap { Self.row($0, isBadLine: true, stored: stored) }
        rows.sort { $0.seq < $1.seq }
        return rows
    }

    public func duplicatesAbsorbed() throws(SinkError) -> Int64 {
        0
    }

    public func snapshotCounts() throws(SinkError) -> [String: Int64] {
        let rows = try query(
            "SELECT reason, count() FROM book_snapshots FINAL GROUP BY reason",
            doing: "counting snapshots"
        )
        var counts: [String: Int64] = [:]
        for row in rows where row.count == 2 {
            if let reason = row[0], let count = row[1].flatMap({ Int64($0) }) { counts[reason] = count }
        }
        return counts
    }

    private func storedStamps(batchIDs: Set<Int64>) throws(SinkError) -> [Int64: Int64] {
        guard !batchIDs.isEmpty else { return [:] }
        let list = batchIDs.sorted().map(String.init).joined(separator: ",")
        let rows = try query(
            "SELECT batch_id, max(stored_ns) FROM sink_batches WHERE batch_id IN (\(list)) GROUP BY batch_id",
            doing: "reading batch stamps"
        )
        var stamps: [Int64: Int64] = [:]
        for row in rows where row.count == 2 {
            if let id = row[0].flatMap({ Int64($0) }), let stored = row[1].flatMap({ Int64($0) }) {
                stamps[id] = stored
            }
        }
        return stamps
    }

    private static func row(_ fields: [String?], isBadLine: Bool, stored: [Int64: Int64]) -> StoredRow? {
        func int(_ index: Int) -> Int64? { index < fields.count ? fields[index].flatMap { Int64($0) } : nil }
        func double(_ index: Int) -> Double? { index < fields.count ? fields[index].flatMap { Double($0) } : nil }
        guard let seq = int(0), let received = int(1), let consumed = int(2), let processed = int(3),
            let batch = int(4), let partition = int(5), let offset = int(6)
        else { return nil }
        var features: StoredFeatures?
        if !isBadLine {
            features = StoredFeatures(
                bid: double(7),
                bidSize: int(8).map(Int.init),
                ask: double(9),
                askSize: int(10).map(Int.init),
                mid: double(11),
                spread: double(12),
                microprice: double(13),
                imbalance: double(14),
                lastPrice: double(15),
                lastSize: int(16).map(Int.init),
                vwap: double(17),
                tradeCount: Int(int(18) ?? 0),
                volatility: double(19)
            )
        }
        return StoredRow(
            seq: seq,
            isBadLine: isBadLine,
            receivedNs: received,
            consumedNs: consumed,
            processedNs: processed,
            storedNs: stored[batch],
            position: KafkaPosition(partition: Int32(partition), offset: offset),
            features: features
        )
    }
}
