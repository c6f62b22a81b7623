import Kafka

/// What a processor gathers while it handles one poll: offsets to commit, where to rewind to, the latest values
/// per symbol for Redis, and the stamps of every event for the stage latencies.
struct BatchAccumulator {
    /// Next offset to read per partition: last handled + 1.
    var nextOffsets: [Int32: Int64] = [:]
    /// First offset handled per partition, to re-read the batch if the sink refuses it.
    var firstOffsets: [Int32: Int64] = [:]
    /// Each symbol's latest values in the batch.
    var latest: [String: LiveStateWriter.Top] = [:]
    /// The stamps of every event handled.
    var stamps: [EventStamps] = []

    mutating func noteOffset(partition: Int32, offset: Int64) {
        if firstOffsets[partition] == nil { firstOffsets[partition] = offset }
        nextOffsets[partition] = offset + 1
    }
}
