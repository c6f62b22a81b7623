import Foundation
import Kafka
import MarketData
import Synchronization
import SystemSupport

/// One processor: a Kafka group consumer that parses each raw line and updates its symbol's book and features on
/// one thread, while a ``SinkWriter`` on a second thread stores the previous batch, updates Redis, and only then
/// commits that batch's offsets.
///
/// State is rebuilt, not trusted: a symbol first met after a start, a rebalance or a refused batch gets its state
/// by re-applying what the sink already stored for it, and a re-delivered message (`seq` at or below its
/// symbol's last) is neither applied nor stored again. A batch the sink refuses, and any batch processed after
/// it, is read again from Kafka once the sink's breaker lets requests through; so is a poll that failed halfway.
public final class ProcessorWorker: @unchecked Sendable {
    // @unchecked Sendable: `processor`, `storedLines` and `batchCounter` are used by the processing thread only;
    // the rest is atomics, a Mutex, thread-safe or immutable.
    public let configuration: ProcessorConfiguration
    private let consumer: KafkaConsumer
    private let storedLines: EventSink
    private let writer: SinkWriter
    private let counters: PipelineCounters
    private let sinkBreaker: CircuitBreaker
    private var processor: EventProcessor
    private let membership: GroupMembership
    private let stopRequested = Atomic<Bool>(false)
    private let crashRequested = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)
    private let failure = Mutex<String?>(nil)
    private var batchCounter: Int64 = 0
    private let batchPrefix: Int64

    /// Creates the consumer and the sink writer; ``start()`` joins the group.
    ///
    /// - Parameters:
    ///   - sink: where batches are stored, used by the writer thread only.
    ///   - storedLines: a second connection to the same store, for rebuilding symbol state on this thread.
    public init(
        configuration: ProcessorConfiguration,
        sink: EventSink,
        storedLines: EventSink,
        liveState: LiveStateWriter?,
        counters: PipelineCounters,
        metrics: PipelineMetrics,
        sinkBreaker: CircuitBreaker
    ) throws(KafkaError) {
        self.configuration = configuration
        self.storedLines = storedLines
        self.counters = counters
        self.sinkBreaker = sinkBreaker
        processor = EventProcessor(level1Fields: configuration.level1Fields)
        var generator = SplitMix64(seed: UInt64(bitPattern: MonotonicClock.unixNanoseconds()))
        batchPrefix = Int64(generator.next() >> 34) << 32
        let membership = GroupMembership()
        self.membership = membership
        consumer = try KafkaConsumer(configuration: configuration.kafka) { event in
            switch event {
            case .partitionsAssigned(let partitions): membership.assign(partitions)
            case .partitionsRevoking(let partitions): membership.revoking(partitions)
            case .partitionsRevoked(let partitions): membership.revoke(partitions)
            case .error: counters.kafkaErrors.add(1)
            }
        }
        writer = SinkWriter(
            name: configuration.name,
            topic: configuration.topic,
            sink: sink,
            liveState: liveState,
            consumer: consumer,
            membership: membership,
            counters: counters,
            metrics: metrics,
            breaker: sinkBreaker
        )
        // A revoke is served inside a poll on the processing thread: batches already handed to the writer are stored
        // and committed while the partitions are still held.
        membership.onRevoking { [weak writer] in writer?.waitUntilIdle() }
    }

    /// The partitions this processor holds now.
    public var assignment: [KafkaTopicPartition] { membership.assignment }

    /// Why the worker stopped, if it failed.
    public var currentFailure: String? { failure.withLock { $0 } ?? writer.fatalFailure }

    /// Whether the worker stopped on a failure.
    public var hasFailed: Bool { currentFailure != nil }

    /// Subscribes and starts the worker thread.
    public func start() throws(KafkaError) {
        try consumer.subscribe(topics: [configuration.topic])
        startThread(named: "processor") { [self] in
            run()
            finished.signal()
        }
    }

    /// Asks the worker to finish its batch, store final snapshots, commit and leave the group.
    public func requestStop() {
        stopRequested.store(true, ordering: .releasing)
    }

    /// Stops the worker as a crash would, mid-batch: what it has not stored is dropped and nothing more is
    /// committed, so the group reads it again from the committed offsets. Returns once the worker has left the group.
    public func crash() {
        crashRequested.store(true, ordering: .releasing)
        stopRequested.store(true, ordering: .releasing)
        finished.wait()
        finished.signal()
    }

    /// Waits for the worker to end; returns why it failed, if it did.
    @discardableResult
    public func waitUntilStopped() -> String? {
        finished.wait()
        finished.signal()
        return failure.withLock { $0 } ?? writer.fatalFailure
    }

    private func run() {
        while !stopRequested.load(ordering: .acquiring), writer.fatalFailure == nil {
            if let from = writer.takeFailure() {
                rewind(to: from)
            }
            guard sinkBreaker.allowsRequest(now: .monotonicNow) else {
                MonotonicClock.sleep(nanoseconds: 20_000_000)
                continue
            }
            if membership.takeRebalance() {
                writer.waitUntilIdle()
                processor.forgetAll()
            }
            batchCounter += 1
            var batch = PendingBatch(id: batchPrefix | batchCounter)
            var failed: (any Error)?
            do {
                _ = try consumer.poll(maxMessages: configuration.maxBatch, timeout: configuration.pollTimeout) {
                    message in
                    guard failed == nil else {
                        batch.noteOffset(partition: message.partition, offset: message.offset)
                        return
                    }
                    do {
                        try handle(message, into: &batch)
                    } catch {
                        failed = error
                    }
                }
            } catch {
                failed = error
            }
            if let failed {
                // The consumer moved past everything this poll took and nothing of it is stored: read it again.
                counters.sinkErrors.add(1)
                sinkBreaker.recordFailure(now: .monotonicNow, reason: "\(failed)")
                writer.waitUntilIdle()
                rewind(to: batch.firstOffsets.merging(writer.takeFailure() ?? [:]) { min($0, $1) })
                continue
            }
            if crashRequested.load(ordering: .acquiring) { break }
            if batch.nextOffsets.isEmpty {
                writer.retryCommits()
            } else {
                // Also a poll of re-deliveries only: its offsets must be committed in order like any other.
                writer.submit(batch)
            }
        }
        if crashRequested.load(ordering: .acquiring) {
            writer.abandon()
            consumer.close()
            return
        }
        writer.waitUntilIdle()
        if writer.takeFailure() != nil {
            failure.withLock {
                $0 =
                    $0 ?? "processor \(configuration.name): the sink refused batches as it stopped; they were "
                    + "not stored and not committed, so the next processor of the group reads them again"
            }
        } else if writer.fatalFailure == nil {
            storeFinalSnapshots()
        }
        writer.stop()
        consumer.close()
    }

    private func handle(_ message: KafkaMessageView, into batch: inout PendingBatch) throws {
        let consumedNs = MonotonicClock.unixNanoseconds()
        counters.consumed.add(1)
        batch.noteOffset(partition: message.partition, offset: message.offset)
        guard let seq = RawEventHeaders.decimal(message.header(RawEventHeaders.seqName)),
            let receivedNs = RawEventHeaders.decimal(message.header(RawEventHeaders.recvNsName)),
            let portNumber = RawEventHeaders.decimal(message.header(RawEventHeaders.portName)),
            let port = FeedPort(rawValue: Int(portNumber))
        else {
            counters.unreadableMessages.add(1)
            return
        }
        let symbol = message.key.map { String(decoding: $0, as: UTF8.self) } ?? ""
        if !symbol.isEmpty, !processor.knows(symbol) {
            try rebuild(symbol)
        }
        let line = message.value
        let outcome = processor.process(line: line, port: port, seq: seq, symbol: symbol)
        let processedNs = MonotonicClock.unixNanoseconds()
        counters.processed.add(1)
        var features = Features()
        var badReason: String?
        var snapshotDue = false
        switch outcome {
        case .replayed:
            // Already applied and stored once: storing it again could only overwrite the stored copy.
            counters.redelivered.add(1)
            return
        case .bad(let reason):
            counters.badLines.add(1)
            badReason = reason
        case .noSymbol:
            break
        case .applied(let applied, let eventCount):
            features = applied
            batch.latest[symbol] = LiveStateWriter.Top(seq: seq, features: applied)
            snapshotDue = eventCount % configuration.snapshotInterval == 0
        }
        let (lineRange, typeRange) = batch.copy(line, typeCode: FeedLine.typeCodeRange(in: line, port: port))
        batch.rows.append(
            PendingBatch.Row(
                symbol: symbol,
                seq: seq,
                port: port,
                line: lineRange,
                typeCode: typeRange,
                stamps: EventStamps(receivedNs: receivedNs, consumedNs: consumedNs, processedNs: processedNs),
                position: KafkaPosition(partition: message.partition, offset: message.offset),
                features: features,
                badReason: badReason
            )
        )
        if snapshotDue, let state = processor.state(of: symbol) {
            batch.snapshots.append(BookSnapshot(symbol: symbol, seq: seq, reason: .periodic, book: state.book))
        }
    }

    /// Re-applies what the sink stored for `symbol`, so its state continues where the last processor left it. If
    /// the sink cannot be read, the symbol stays unknown and the error ends the poll (which is read again).
    private func rebuild(_ symbol: String) throws(SinkError) {
        processor.startFresh(symbol)
        do {
            try storedLines.forEachStoredLine(of: symbol) { seq, port, line in
                _ = processor.process(line: line, port: port, seq: seq, symbol: symbol)
            }
        } catch {
            processor.forget(symbol)
            throw error
        }
    }

    /// Moves the consumer back to where batches that were not stored began, for the partitions it still holds,
    /// and forgets every symbol's state (it is rebuilt from what was stored).
    private func rewind(to offsets: [Int32: Int64]) {
        processor.forgetAll()
        let held = Set(membership.assignment.map(\.partition))
        let positions = offsets.filter { held.contains($0.key) }.map {
            KafkaPartitionOffset(topic: configuration.topic, partition: $0.key, offset: $0.value)
        }
        do {
            try consumer.seek(positions, timeout: .seconds(5))
        } catch {
            failure.withLock {
                $0 = "processor \(configuration.name): could not re-read a batch the sink refused: \(error)"
            }
            stopRequested.store(true, ordering: .releasing)
        }
    }

    /// Stores a final top-of-book snapshot of every symbol this processor holds.
    private func storeFinalSnapshots() {
        let states = processor.symbolStates
        guard !states.isEmpty else { return }
        batchCounter += 1
        var batch = PendingBatch(id: batchPrefix | batchCounter)
        for (symbol, state) in states.sorted(by: { $0.symbol < $1.symbol }) {
            batch.snapshots.append(BookSnapshot(symbol: symbol, seq: state.lastSeq, reason: .final, book: state.book))
        }
        writer.submit(batch)
        writer.waitUntilIdle()
        if writer.takeFailure() != nil {
            failure.withLock { $0 = $0 ?? "processor \(configuration.name): could not store final snapshots" }
        }
    }
}
