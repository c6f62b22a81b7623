import Foundation
import Kafka
import MarketData
import Synchronization
import SystemSupport

/// One processor: a Kafka group consumer on its own thread that parses each raw line, updates its symbol's book
/// and features, stores the batch in the sink, updates Redis, and only then commits the batch's offsets.
///
/// State is rebuilt, not trusted: a symbol first met after a start or a rebalance gets its state by re-applying
/// what the sink already stored for it, and a re-delivered message (`seq` at or below its symbol's last) is not
/// applied twice. A batch the sink refuses is rolled back and read again from Kafka once the sink's breaker lets
/// requests through.
public final class ProcessorWorker: @unchecked Sendable {
    // @unchecked Sendable: `processor`, `sink` and `liveState` are touched only by the worker thread;
    // the rest is atomics, a Mutex or immutable.
    public let configuration: ProcessorConfiguration
    private let consumer: KafkaConsumer
    private let sink: EventSink
    private let liveState: LiveStateWriter?
    private let counters: PipelineCounters
    private let metrics: PipelineMetrics
    private let sinkBreaker: CircuitBreaker
    private var processor: EventProcessor
    private let membership = GroupMembership()
    private let stopRequested = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)
    private let failure = Mutex<String?>(nil)
    private var batchCounter: Int64 = 0
    private let batchPrefix: Int64

    /// Creates the consumer; ``start()`` joins the group.
    public init(
        configuration: ProcessorConfiguration,
        sink: EventSink,
        liveState: LiveStateWriter?,
        counters: PipelineCounters,
        metrics: PipelineMetrics,
        sinkBreaker: CircuitBreaker
    ) throws(KafkaError) {
        self.configuration = configuration
        self.sink = sink
        self.liveState = liveState
        self.counters = counters
        self.metrics = metrics
        self.sinkBreaker = sinkBreaker
        processor = EventProcessor(level1Fields: configuration.level1Fields)
        var generator = SplitMix64(seed: UInt64(bitPattern: MonotonicClock.unixNanoseconds()))
        batchPrefix = Int64(generator.next() >> 34) << 32
        let membership = self.membership
        consumer = try KafkaConsumer(configuration: configuration.kafka) { event in
            switch event {
            case .partitionsAssigned(let partitions): membership.assign(partitions)
            case .partitionsRevoked(let partitions): membership.revoke(partitions)
            case .error: counters.kafkaErrors.add(1)
            }
        }
    }

    /// The partitions this processor holds now.
    public var assignment: [KafkaTopicPartition] { membership.assignment }

    /// Whether the worker stopped on a failure.
    public var hasFailed: Bool { failure.withLock { $0 != nil } }

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

    /// Waits for the worker to end; returns why it failed, if it did.
    @discardableResult
    public func waitUntilStopped() -> String? {
        finished.wait()
        finished.signal()
        return failure.withLock { $0 }
    }

    private func run() {
        while !stopRequested.load(ordering: .acquiring) {
            guard sinkBreaker.allowsRequest(now: .monotonicNow) else {
                MonotonicClock.sleep(nanoseconds: 20_000_000)
                continue
            }
            do {
                try runBatch()
            } catch let error as SinkError where error.kind == .unavailable {
                continue
            } catch {
                failure.withLock { $0 = "processor \(configuration.name): \(error)" }
                break
            }
        }
        storeFinalSnapshots()
        consumer.close()
    }

    /// One poll: process, store, update Redis, commit.
    private func runBatch() throws {
        if membership.takeRebalance() {
            processor.forgetAll()
        }
        batchCounter += 1
        let batchID = batchPrefix | batchCounter
        try sink.beginBatch(id: batchID)
        var batch = BatchAccumulator()
        let count: Int
        do {
            count = try consumer.poll(maxMessages: configuration.maxBatch, timeout: configuration.pollTimeout) {
                message in
                try handle(message, into: &batch)
            }
        } catch {
            sink.rollbackBatch()
            throw error
        }
        guard count > 0 else {
            sink.rollbackBatch()
            return
        }
        let result: SinkBatchResult
        do {
            result = try sink.commitBatch(processor: configuration.name)
        } catch {
            sink.rollbackBatch()
            counters.sinkErrors.add(1)
            sinkBreaker.recordFailure(now: .monotonicNow, reason: error.description)
            rewind(to: batch.firstOffsets)
            throw error
        }
        sinkBreaker.recordSuccess(now: .monotonicNow)
        let storedNs = MonotonicClock.unixNanoseconds()
        metrics.recordBatch(batch.stamps, storedNs: storedNs)
        counters.stored.add(Int64(result.rows))
        counters.duplicatesAbsorbed.add(Int64(result.duplicates ?? 0))
        counters.batches.add(1)
        liveState?.write(
            latest: batch.latest,
            status: ["stored": "\(counters.stored.value)", "updated_ns": "\(storedNs)"],
            processor: configuration.name
        )
        let offsets = batch.nextOffsets.map {
            KafkaPartitionOffset(topic: configuration.topic, partition: $0.key, offset: $0.value)
        }
        do {
            try consumer.commit(offsets)
        } catch {
            counters.kafkaErrors.add(1)
        }
    }

    private func handle(_ message: KafkaMessageView, into batch: inout BatchAccumulator) throws {
        let consumedNs = MonotonicClock.unixNanoseconds()
        counters.consumed.add(1)
        batch.noteOffset(partition: message.partition, offset: message.offset)
        guard let seq = RawEventHeaders.decimal(message.header(RawEventHeaders.seq.text)),
            let receivedNs = RawEventHeaders.decimal(message.header(RawEventHeaders.recvNs.text)),
            let portNumber = RawEventHeaders.decimal(message.header(RawEventHeaders.port.text)),
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
        let stamps = EventStamps(receivedNs: receivedNs, consumedNs: consumedNs, processedNs: processedNs)
        let position = KafkaPosition(partition: message.partition, offset: message.offset)
        batch.stamps.append(stamps)
        switch outcome {
        case .bad(let reason):
            counters.badLines.add(1)
            try sink.append(
                SinkBadLine(
                    symbol: symbol,
                    seq: seq,
                    port: port,
                    line: line,
                    reason: reason,
                    stamps: stamps,
                    position: position
                )
            )
            return
        case .replayed:
            counters.redelivered.add(1)
        case .noSymbol, .applied:
            break
        }
        var features = Features()
        var snapshotDue = false
        if case .applied(let applied, let eventCount) = outcome {
            features = applied
            batch.latest[symbol] = LiveStateWriter.Top(seq: seq, features: applied)
            snapshotDue = eventCount % configuration.snapshotInterval == 0
        }
        let typeCode = FeedLine.typeCodeRange(in: line, port: port)
        try sink.append(
            SinkEvent(
                symbol: symbol,
                seq: seq,
                port: port,
                line: line,
                typeCode: UnsafeRawBufferPointer(rebasing: line[typeCode]),
                stamps: stamps,
                position: position,
                features: features
            )
        )
        if snapshotDue, let state = processor.state(of: symbol) {
            try sink.append(BookSnapshot(symbol: symbol, seq: seq, reason: .periodic, book: state.book))
        }
    }

    /// Re-applies what the sink stored for `symbol`, so its state continues where the last processor left it.
    private func rebuild(_ symbol: String) throws(SinkError) {
        processor.startFresh(symbol)
        try sink.forEachStoredLine(of: symbol) { seq, port, line in
            _ = processor.process(line: line, port: port, seq: seq, symbol: symbol)
        }
    }

    /// Moves the consumer back to the first message of a batch that was not stored.
    private func rewind(to offsets: [Int32: Int64]) {
        processor.forgetAll()
        let positions = offsets.map {
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
        do {
            try sink.beginBatch(id: batchPrefix | batchCounter)
            for (symbol, state) in states.sorted(by: { $0.symbol < $1.symbol }) {
                try sink.append(BookSnapshot(symbol: symbol, seq: state.lastSeq, reason: .final, book: state.book))
            }
            _ = try sink.commitBatch(processor: configuration.name)
        } catch {
            sink.rollbackBatch()
            failure.withLock { $0 = $0 ?? "processor \(configuration.name): could not store final snapshots: \(error)" }
        }
    }
}
