import MarketData
import SQLite

extension CaptureReader {
    /// Calls `body` for every event that passes `filter`, in `seq` order, and returns how many there were.
    ///
    /// Streams: one row exists at a time, so memory stays constant whatever the file's size. The view passed to
    /// `body` reads the row in place and is valid only during that call; copy `view.event` to keep it. Throw from
    /// `body` to stop early; the error is rethrown unchanged.
    ///
    /// A `recvNs` range is found by binary search on `seq` (`recv_ns` never decreases with `seq`), so a time window
    /// costs about 2 × log2(count) row lookups plus the events in it; a symbol filter is applied by SQLite to every
    /// event in the `seq` range. The pass sees the batches committed when it starts.
    ///
    /// - Throws: `CaptureError` of kind `.damaged` if the file is corrupt or truncated where it is read, or holds an
    ///   event with an unknown port or a `recv_ns` smaller than the one before; `.storage` for other SQLite failures;
    ///   or `body`'s error.
    @discardableResult
    public func forEachEvent(
        filter: CaptureEventFilter = CaptureEventFilter(),
        _ body: (CaptureEventView) throws -> Void
    ) throws -> Int {
        if let first = try seqRange()?.lowerBound, first < 1 {
            throw CaptureError.damaged(path: path, detail: "it holds an event with seq \(first); seq starts at 1")
        }
        guard let seqs = try seqBounds(for: filter), filter.limit.map({ $0 > 0 }) ?? true else {
            return 0
        }
        let statement = try eventStatement(for: filter)
        let context = "reading events after seq \(filter.afterSeq)"
        do {
            try statement.bind(seqs.lowerBound, at: 1)
            try statement.bind(seqs.upperBound, at: 2)
            try statement.bind(filter.limit ?? -1, at: 3)
            for (offset, symbol) in (filter.symbols ?? []).sorted().enumerated() {
                try statement.bind(symbol, at: 4 + offset)
            }
        } catch let error as SQLiteError {
            throw CaptureError(error, path: path, doing: context)
        }
        defer { statement.reset() }
        var count = 0
        var previous = (seq: filter.afterSeq, recvNs: Int64.min)
        while try step(statement, after: previous.seq) {
            let row = statement.row
            let seq = row.int64(at: CaptureEventView.Column.seq)
            let recvNs = row.int64(at: CaptureEventView.Column.recvNs)
            let portNumber = row.int(at: CaptureEventView.Column.port)
            guard let port = FeedPort(rawValue: portNumber) else {
                throw CaptureError.damaged(
                    path: path,
                    detail: "event seq \(seq) has port \(portNumber), no IQFeed port"
                )
            }
            guard recvNs >= previous.recvNs else {
                throw CaptureError.damaged(
                    path: path,
                    detail: "event seq \(seq) has recv_ns \(recvNs), before recv_ns \(previous.recvNs) of seq "
                        + "\(previous.seq)"
                )
            }
            try body(CaptureEventView(seq: seq, recvNs: recvNs, port: port, row: row))
            previous = (seq, recvNs)
            count += 1
        }
        return count
    }

    /// Calls `body` for every event after `seq` that passes `filter`, in `seq` order: resumes a pass that stopped
    /// at `seq`. The same as `forEachEvent(filter:_:)` with `filter.afterSeq` set to `seq`.
    @discardableResult
    public func forEachEvent(
        startingAfter seq: Int64,
        filter: CaptureEventFilter = CaptureEventFilter(),
        _ body: (CaptureEventView) throws -> Void
    ) throws -> Int {
        var filter = filter
        filter.afterSeq = seq
        return try forEachEvent(filter: filter, body)
    }

    /// Checks the whole file: SQLite's own structure check (`PRAGMA quick_check`), then every event: `seq` from 1
    /// increasing by one, `recv_ns` never decreasing, known ports. Reads the entire file.
    ///
    /// - Throws: `CaptureError` of kind `.damaged` naming the first problem found, or `.storage`.
    public func checkIntegrity() throws {
        let problem: String?
        do {
            problem = try database.prepare("PRAGMA quick_check(1)").firstRow { $0.string(at: 0) }
        } catch let error as SQLiteError {
            throw CaptureError(error, path: path, doing: "checking the file's structure")
        }
        if let problem, problem != "ok" {
            throw CaptureError.damaged(path: path, detail: problem)
        }
        var expected: Int64 = 1
        let count = try eventCount()
        try forEachEvent { event in
            guard event.seq == expected else {
                throw CaptureError.damaged(
                    path: path,
                    detail: "event seq \(event.seq) where seq \(expected) should be: seq counts up by one from 1"
                )
            }
            expected += 1
        }
        guard expected - 1 == count else {
            throw CaptureError.damaged(
                path: path,
                detail: "it holds \(count) events but seq runs from 1 to \(expected - 1) only"
            )
        }
    }

    /// The `seq` range to scan for `filter`: after `afterSeq`, narrowed by binary search to the `recvNs` range;
    /// `nil` if it is empty.
    private func seqBounds(for filter: CaptureEventFilter) throws -> ClosedRange<Int64>? {
        guard filter.afterSeq < Int64.max else {
            return nil
        }
        var lower = filter.afterSeq + 1
        var upper = Int64.max
        if let recvNs = filter.recvNs {
            guard !recvNs.isEmpty else {
                return nil
            }
            lower = max(lower, try firstSeq(withRecvNsAtLeast: recvNs.lowerBound))
            let end = try firstSeq(withRecvNsAtLeast: recvNs.upperBound)
            guard end > Int64.min else { return nil }
            upper = end - 1
        }
        return lower <= upper ? lower...upper : nil
    }

    /// The smallest `s` such that every event with `seq < s` has `recv_ns < recvNs`, by binary search over `seq`.
    /// Works whether or not `seq` has holes; relies on `recv_ns` never decreasing with `seq`.
    private func firstSeq(withRecvNsAtLeast recvNs: Int64) throws -> Int64 {
        guard let seqs = try seqRange() else {
            return 1
        }
        var low = seqs.lowerBound
        var high = seqs.upperBound == Int64.max ? Int64.max : seqs.upperBound + 1
        while low < high {
            let middle = low + (high - low) / 2
            let found = try query(eventAtOrAfter, binding: middle, doing: "searching for recv_ns \(recvNs)") { row in
                (seq: row.int64(at: 0), recvNs: row.int64(at: 1))
            }
            guard let found, found.recvNs < recvNs else {
                high = middle
                continue
            }
            low = found.seq + 1
        }
        return low
    }

    /// The statement selecting the events of `filter` between bound `seq`s, with parameters ?1 lowest `seq`, ?2
    /// highest `seq` (included), ?3 limit (-1 for none), then one per symbol in sorted order.
    private func eventStatement(for filter: CaptureEventFilter) throws -> SQLiteStatement {
        var sql = "SELECT \(Self.eventColumns) FROM events WHERE seq >= ?1 AND seq <= ?2"
        if let symbols = filter.symbols {
            let parameters = (0..<symbols.count).map { "?\($0 + 4)" }.joined(separator: ", ")
            sql += " AND (symbol IN (\(parameters))"
            sql += filter.includesEventsWithoutSymbol ? " OR symbol IS NULL)" : ")"
        }
        sql += " ORDER BY seq LIMIT ?3"
        do {
            return try database.prepare(sql)
        } catch let error as SQLiteError {
            throw CaptureError(error, path: path, doing: "preparing to read events")
        }
    }

    /// `statement.step()`, turning SQLite errors into `CaptureError`.
    private func step(_ statement: SQLiteStatement, after seq: Int64) throws -> Bool {
        do {
            return try statement.step()
        } catch let error as SQLiteError {
            throw CaptureError(error, path: path, doing: "reading events after seq \(seq)")
        }
    }
}
