import MarketData

/// Where processed events are stored: idempotent on `(symbol, seq)` and written in batches, one batch per Kafka
/// poll. A processor opens a batch, appends its events, bad lines and snapshots, commits it, and only then commits
/// the Kafka offsets, so storage is exactly-once over at-least-once delivery.
///
/// A batch's "stored" stamp is taken when the sink has the batch (after the write returned) and kept with the
/// batch id, which every row of the batch carries.
public protocol EventSink: AnyObject {
    /// What the sink writes to, for messages: `sqlite /path/x.sqlite`, `clickhouse 127.0.0.1:8123/default`.
    var destination: String { get }
    /// Starts a batch.
    func beginBatch(id: Int64) throws(SinkError)
    /// Adds an event to the open batch.
    func append(_ event: SinkEvent) throws(SinkError)
    /// Adds a bad line to the open batch.
    func append(_ badLine: SinkBadLine) throws(SinkError)
    /// Adds a book snapshot to the open batch (a later snapshot of the same symbol, seq and reason replaces it).
    func append(_ snapshot: BookSnapshot) throws(SinkError)
    /// Writes the open batch and records its stored stamp; nothing of it is visible before.
    func commitBatch(processor: String) throws(SinkError) -> SinkBatchResult
    /// Drops the open batch.
    func rollbackBatch()
    /// Calls `body` with every stored event of `symbol` in `seq` order (port and raw line): how a processor
    /// rebuilds a symbol's state after a restart or a rebalance.
    func forEachStoredLine(
        of symbol: String,
        _ body: (_ seq: Int64, _ port: FeedPort, _ line: UnsafeRawBufferPointer) -> Void
    ) throws(SinkError)
}
