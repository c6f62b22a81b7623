import Foundation
import Kafka
import Synchronization
import SystemSupport

/// A processor's second thread: stores the batches its processing thread hands over, in order, then updates Redis
/// and commits the batch's offsets, so parsing the next batch overlaps storing this one.
///
/// Offsets are committed by this thread only, in storing order; a commit that fails is retried with the next
/// batch or within 100 ms when there is none, and offsets of partitions the processor no longer holds are dropped
/// (their new owner reads those messages again and the sink absorbs them). At most ``capacity`` batches wait. When the sink refuses a batch, that batch and every batch queued after it
/// are dropped (none of them stored or committed) and ``takeFailure()`` tells the processing thread where each
/// partition must be read again from.
final class SinkWriter: @unchecked Sendable {
    // @unchecked Sendable: `sink` and `liveState` are used by the writer thread only; the queue and the failure
    // are behind `state`'s lock; everything else is immutable or thread-safe (KafkaConsumer.commit, atomics).
    private struct State {
        var queue: [PendingBatch] = []
        var busy = false
        var stopping = false
        var failedFrom: [Int32: Int64]?
        /// Offsets stored but not yet committed (a commit failed, e.g. while the group coordinator was down).
        var uncommitted: [Int32: Int64] = [:]
        /// Set by ``abandon()``: nothing more is stored or committed.
        var abandoned = false
    }

    static let capacity = 2

    private let name: String
    private let topic: String
    private let sink: EventSink
    private let liveState: LiveStateWriter?
    private let consumer: KafkaConsumer
    private let membership: GroupMembership
    private let counters: PipelineCounters
    private let metrics: PipelineMetrics
    private let breaker: CircuitBreaker
    private let state = Mutex(State())
    private let changed = NSCondition()
    private let stopped = DispatchSemaphore(value: 0)
    private let fatal = Mutex<String?>(nil)

    init(
        name: String,
        topic: String,
        sink: EventSink,
        liveState: LiveStateWriter?,
        consumer: KafkaConsumer,
        membership: GroupMembership,
        counters: PipelineCounters,
        metrics: PipelineMetrics,
        breaker: CircuitBreaker
    ) {
        self.name = name
        self.topic = topic
        self.sink = sink
        self.liveState = liveState
        self.consumer = consumer
        self.membership = membership
        self.counters = counters
        self.metrics = metrics
        self.breaker = breaker
        startThread(named: "sink-writer") { [self] in
            run()
            stopped.signal()
        }
    }

    /// Queues `batch`, waiting while ``capacity`` batches already wait. After a refused batch, until the processing
    /// thread has taken the failure, batches are dropped instead (they were built on state that is being thrown
    /// away) and their offsets join the failure's.
    func submit(_ batch: PendingBatch) {
        changed.lock()
        while state.withLock({ $0.queue.count >= Self.capacity && !$0.stopping && $0.failedFrom == nil }) {
            changed.wait()
        }
        state.withLock { state in
            if let from = state.failedFrom {
                state.failedFrom = from.merging(batch.firstOffsets) { min($0, $1) }
            } else {
                state.queue.append(batch)
            }
        }
        changed.broadcast()
        changed.unlock()
    }

    /// Waits until every queued batch is stored (or dropped after a failure).
    func waitUntilIdle() {
        changed.lock()
        while state.withLock({ !$0.queue.isEmpty || $0.busy }) { changed.wait() }
        changed.unlock()
    }

    /// Wakes the writer to retry offsets whose commit failed (the processing thread calls it after an empty poll).
    func retryCommits() {
        changed.lock()
        changed.broadcast()
        changed.unlock()
    }

    /// Where to read again from, per partition, if a batch was refused since the last call; clears it.
    func takeFailure() -> [Int32: Int64]? {
        state.withLock { state in
            defer { state.failedFrom = nil }
            return state.failedFrom
        }
    }

    /// A failure the writer cannot recover from (a sink that rejects the data), if one happened.
    var fatalFailure: String? { fatal.withLock { $0 } }

    /// Stores what is queued, then stops the thread.
    func stop() {
        changed.lock()
        state.withLock { $0.stopping = true }
        changed.broadcast()
        changed.unlock()
        stopped.wait()
    }

    /// Stops as a crash would: queued batches are dropped and nothing more is committed, not even what the batch
    /// being stored right now stores (the sink absorbs it when the group reads it again).
    func abandon() {
        changed.lock()
        state.withLock { state in
            state.abandoned = true
            state.stopping = true
            state.queue.removeAll()
            state.uncommitted = [:]
        }
        changed.broadcast()
        changed.unlock()
        stopped.wait()
    }

    private func run() {
        defer { commitStored() }
        while let batch = next() {
            store(batch)
            changed.lock()
            state.withLock { $0.busy = false }
            changed.broadcast()
            changed.unlock()
        }
    }

    /// The next batch to store; `nil` once stopping with nothing left.
    private func next() -> PendingBatch? {
        changed.lock()
        defer { changed.unlock() }
        while true {
            let taken = state.withLock { state -> (batch: PendingBatch?, done: Bool) in
                guard !state.queue.isEmpty else { return (nil, state.stopping) }
                state.busy = true
                return (state.queue.removeFirst(), false)
            }
            if let batch = taken.batch {
                changed.broadcast()
                return batch
            }
            if taken.done { return nil }
            if !changed.wait(until: Date(timeIntervalSinceNow: 0.1)) || state.withLock({ $0.queue.isEmpty }) {
                changed.unlock()
                commitStored()
                changed.lock()
            }
        }
    }

    private func store(_ batch: PendingBatch) {
        guard !batch.isEmpty else {
            state.withLock { $0.uncommitted.merge(batch.nextOffsets) { max($0, $1) } }
            commitStored()
            return
        }
        let result: SinkBatchResult
        do {
            try sink.beginBatch(id: batch.id)
            try batch.append(to: sink)
            result = try sink.commitBatch(processor: name)
        } catch {
            sink.rollbackBatch()
            counters.sinkErrors.add(1)
            breaker.recordFailure(now: .monotonicNow, reason: error.description)
            if error.kind == .rejected {
                fatal.withLock { $0 = $0 ?? "processor \(name): \(error)" }
            }
            dropQueue(after: batch)
            return
        }
        breaker.recordSuccess(now: .monotonicNow)
        let storedNs = MonotonicClock.unixNanoseconds()
        metrics.recordBatch(batch.rows.lazy.map(\.stamps), storedNs: storedNs)
        counters.stored.add(Int64(result.rows))
        counters.duplicatesAbsorbed.add(Int64(result.duplicates ?? 0))
        liveState?.write(
            latest: batch.latest,
            status: ["stored": "\(counters.stored.value)", "updated_ns": "\(storedNs)"],
            processor: name
        )
        state.withLock { $0.uncommitted.merge(batch.nextOffsets) { max($0, $1) } }
        commitStored()
    }

    /// Commits the stored offsets of the partitions still held; keeps them for the next try if the commit fails.
    private func commitStored() {
        let held = Set(membership.assignment.map(\.partition))
        let offsets = state.withLock { state -> [Int32: Int64] in
            guard !state.abandoned else { return [:] }
            state.uncommitted = state.uncommitted.filter { held.contains($0.key) }
            return state.uncommitted
        }
        guard !offsets.isEmpty else { return }
        do {
            try consumer.commit(offsets.map { KafkaPartitionOffset(topic: topic, partition: $0.key, offset: $0.value) })
            state.withLock { state in
                state.uncommitted = state.uncommitted.filter { offsets[$0.key] != $0.value }
            }
        } catch {
            counters.kafkaErrors.add(1)
        }
    }

    /// Drops the batches queued after `failed` and records where each partition they touched must be read again.
    private func dropQueue(after failed: PendingBatch) {
        changed.lock()
        state.withLock { state in
            var from = state.failedFrom ?? [:]
            for batch in [failed] + state.queue {
                from.merge(batch.firstOffsets) { min($0, $1) }
            }
            state.queue.removeAll()
            state.failedFrom = from
        }
        changed.broadcast()
        changed.unlock()
    }
}
