import MarketData
import SQLite

extension CaptureReader {
    /// The symbols that have events on each port (one pass over the events table, done by SQLite).
    ///
    /// - Throws: `CaptureError` of kind `.damaged` (also for an unknown port) or `.storage`.
    public func symbolsByPort() throws -> [FeedPort: Set<String>] {
        var result: [FeedPort: Set<String>] = [:]
        do {
            let statement = try database.prepare(
                "SELECT DISTINCT port, symbol FROM events WHERE symbol IS NOT NULL"
            )
            try statement.forEachRow { row in
                guard let port = FeedPort(rawValue: row.int(at: 0)) else {
                    throw CaptureError.damaged(
                        path: path,
                        detail: "an event has port \(row.int(at: 0)), no IQFeed port"
                    )
                }
                result[port, default: []].insert(row.string(at: 1))
            }
        } catch let error as SQLiteError {
            throw CaptureError(error, path: path, doing: "listing symbols")
        }
        return result
    }
}
