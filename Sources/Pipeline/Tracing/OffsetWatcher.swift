import Foundation
import Kafka
import Synchronization
import SystemSupport

/// Follows the processors' committed offsets: how many events are stored (a processor commits only after its
/// sink stored the batch) and the consumer lag, whichever process the processors run in.
///
/// A thread asks the group coordinator for the committed offsets of every partition every `interval`
/// (`rd_kafka_committed` from a consumer that never joins the group).
public final class OffsetWatcher: Sendable {
    private let consumer: KafkaConsumer
    private let partitions: [KafkaTopicPartition]
    private let committed = Mutex<[Int32: Int64]>([:])
    private let stopRequested = Atomic<Bool>(false)
    private let stopped = DispatchSemaphore(value: 0)
    private let lastError = Mutex<KafkaError?>(nil)

    /// Watches group `groupID` on `topic`'s `partitionCount` partitions.
    public init(
        configuration: KafkaConfiguration,
        groupID: String,
        topic: String,
        partitionCount: Int,
        interval: Duration = .milliseconds(20)
    ) throws(KafkaError) {
        var consumerConfiguration = KafkaConsumerConfiguration(
            bootstrapServers: configuration.bootstrapServers,
            groupID: groupID
        )
        consumerConfiguration.common = configuration
        consumerConfiguration.common.clientID = "harness-offset-watcher"
        consumer = try KafkaConsumer(configuration: consumerConfiguration)
        partitions = (0..<partitionCount).map { KafkaTopicPartition(topic: topic, partition: Int32($0)) }
        startThread(named: "offset-watcher") { [self] in
            while !stopRequested.load(ordering: .acquiring) {
                refresh()
                MonotonicClock.sleep(nanoseconds: interval.nanoseconds)
            }
            stopped.signal()
        }
    }

    /// Asks for the committed offsets now (the thread also does every interval).
    public func refresh() {
        do {
            let offsets = try consumer.committed(partitions, timeout: .seconds(2))
            committed.withLock { committed in
                for offset in offsets where offset.offset >= 0 {
                    committed[offset.topicPartition.partition] = offset.offset
                }
            }
            lastError.withLock { $0 = nil }
        } catch {
            lastError.withLock { $0 = error }
        }
    }

    /// The committed offset of each partition that has one.
    public var committedOffsets: [Int32: Int64] { committed.withLock { $0 } }

    /// Each partition's first offset still held by Kafka (`rd_kafka_query_watermark_offsets`); partitions that
    /// cannot be asked are left out. Messages below it were dropped by retention.
    public func lowWatermarks() -> [Int32: Int64] {
        var lows: [Int32: Int64] = [:]
        for partition in partitions {
            if let watermarks = try? consumer.watermarks(of: partition, timeout: .seconds(2)) {
                lows[partition.partition] = watermarks.low
            }
        }
        return lows
    }

    /// Events stored: the sum of the committed offsets (topics of a run start at offset 0).
    public var storedCount: Int64 { committed.withLock { $0.values.reduce(0, +) } }

    /// Messages produced but not yet committed, given the producer's high-water marks.
    public func lag(highWatermarks: [Int32: Int64]) -> Int64 {
        let committed = committedOffsets
        return highWatermarks.reduce(0) { $0 + max(0, $1.value - (committed[$1.key] ?? 0)) }
    }

    /// Whether every partition's committed offset has reached `highWatermarks`.
    public func hasCaughtUp(to highWatermarks: [Int32: Int64]) -> Bool {
        let committed = committedOffsets
        return highWatermarks.allSatisfy { (committed[$0.key] ?? 0) >= $0.value }
    }

    /// The last failure to read offsets, if the last attempt failed.
    public var error: KafkaError? { lastError.withLock { $0 } }

    /// Stops the thread.
    public func stop() {
        guard !stopRequested.exchange(true, ordering: .acquiringAndReleasing) else { return }
        stopped.wait()
        consumer.close()
    }
}
