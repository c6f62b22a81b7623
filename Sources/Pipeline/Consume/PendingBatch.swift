import MarketData

/// One poll's worth of processed events on its way from a processor's thread to its sink writer: the rows, with
/// the raw lines copied into one buffer (Kafka's buffers are gone once the poll returns), and what the writer
/// needs afterwards: the offsets to commit, where to rewind to if the sink refuses it, the latest values per
/// symbol for Redis and the stamps for the latencies.
struct PendingBatch {
    /// One event's row, with its line as a range of ``PendingBatch/lines``.
    struct Row {
        var symbol: String
        var seq: Int64
        var port: FeedPort
        var line: Range<Int>
        var typeCode: Range<Int>
        var stamps: EventStamps
        var position: KafkaPosition
        var features: Features
        /// Set for a line the codec could not read, stored apart.
        var badReason: String?
    }

    let id: Int64
    var rows: [Row] = []
    var lines: [UInt8] = []
    var snapshots: [BookSnapshot] = []
    /// Next offset to read per partition: last handled + 1.
    var nextOffsets: [Int32: Int64] = [:]
    /// First offset handled per partition, to re-read the batch if the sink refuses it.
    var firstOffsets: [Int32: Int64] = [:]
    /// Each symbol's latest values in the batch.
    var latest: [String: LiveStateWriter.Top] = [:]

    init(id: Int64) {
        self.id = id
    }

    var isEmpty: Bool { rows.isEmpty && snapshots.isEmpty }

    mutating func noteOffset(partition: Int32, offset: Int64) {
        if firstOffsets[partition] == nil { firstOffsets[partition] = offset }
        nextOffsets[partition] = offset + 1
    }

    /// Copies `line` into the batch and returns where it is, with the type code's range inside it.
    mutating func copy(_ line: UnsafeRawBufferPointer, typeCode: Range<Int>) -> (Range<Int>, Range<Int>) {
        let start = lines.count
        lines.append(contentsOf: line)
        return (start..<lines.count, (start + typeCode.lowerBound)..<(start + typeCode.upperBound))
    }

    /// Hands every row to `sink` with its line lent from the batch's buffer.
    func append(to sink: EventSink) throws(SinkError) {
        let result: Result<Void, SinkError> = lines.withUnsafeBytes { buffer in
            Result { () throws(SinkError) in
                for row in rows {
                    let line = UnsafeRawBufferPointer(rebasing: buffer[row.line])
                    if let reason = row.badReason {
                        try sink.append(
                            SinkBadLine(
                                symbol: row.symbol,
                                seq: row.seq,
                                port: row.port,
                                line: line,
                                reason: reason,
                                stamps: row.stamps,
                                position: row.position
                            )
                        )
                    } else {
                        try sink.append(
                            SinkEvent(
                                symbol: row.symbol,
                                seq: row.seq,
                                port: row.port,
                                line: line,
                                typeCode: UnsafeRawBufferPointer(rebasing: buffer[row.typeCode]),
                                stamps: row.stamps,
                                position: row.position,
                                features: row.features
                            )
                        )
                    }
                }
                for snapshot in snapshots { try sink.append(snapshot) }
            }
        }
        try result.get()
    }
}
