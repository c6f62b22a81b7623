import Kafka
import MarketData
import Synchronization
import SystemSupport

/// Publishes raw feed lines to the raw topic: key = symbol, value = the line, headers `traceparent`, `seq`,
/// `recv_ns`, `port` (``RawEventHeaders``). Accounts for every delivery report: acknowledged events advance the
/// per-partition high-water marks and go to the run database with their stamps; failed ones are counted and
/// recorded with the error.
///
/// A full local queue is backpressure: ``publish(seq:symbol:line:port:receivedNs:)`` waits for room, so the source
/// slows down to Kafka's pace (and stops waiting when ``cancel()`` is called).
public final class RawPublisher: Sendable {
    /// Where the publisher sends.
    public let topicName: String
    /// The run's id, the first half of every trace id.
    public let runID: UInt64
    private let producer: KafkaProducer
    private let topic: KafkaProducer.Topic
    private let stamps: ReceivedStampRing
    private let ledger: DeliveryLedger
    private let cancelled = Atomic<Bool>(false)
    private let tracing: Bool

    /// Connects a producer with `configuration` to `topic`. Without `tracing`, events carry no `traceparent` and
    /// their deliveries are counted but not written to the run database (to measure what tracing costs).
    public init(
        configuration: KafkaProducerConfiguration,
        topic: String,
        runID: UInt64,
        counters: PipelineCounters,
        metrics: PipelineMetrics,
        runDatabase: RunDatabase?,
        tracing: Bool = true,
        traceFaults: TraceFaults? = nil,
        onError: @escaping @Sendable (KafkaError) -> Void = { _ in },
        onAcknowledged: @escaping @Sendable () -> Void = {}
    ) throws(KafkaError) {
        topicName = topic
        self.runID = runID
        self.tracing = tracing
        let stamps = ReceivedStampRing(capacity: configuration.maxQueuedMessages * 2)
        let ledger = DeliveryLedger(
            counters: counters,
            metrics: metrics,
            runDatabase: tracing ? runDatabase : nil,
            stamps: stamps,
            traceFaults: traceFaults
        )
        self.stamps = stamps
        self.ledger = ledger
        producer = try KafkaProducer(configuration: configuration) { event in
            switch event {
            case .deliveryReports(let reports):
                if ledger.account(reports) > 0 { onAcknowledged() }
            case .error(let error):
                counters.kafkaErrors.add(1)
                onError(error)
            }
        }
        self.topic = try producer.topic(topic)
    }

    /// Publishes one line; waits while Kafka's queue is full. Returns `false` only if cancelled while waiting.
    @discardableResult
    public func publish(
        seq: Int64,
        symbol: UnsafeRawBufferPointer,
        line: UnsafeRawBufferPointer,
        port: FeedPort,
        receivedNs: Int64
    ) throws(KafkaError) -> Bool {
        while true {
            if try tryPublish(seq: seq, symbol: symbol, line: line, port: port, receivedNs: receivedNs) { return true }
            ledger.counters.backpressureWaits.add(1)
            while !producer.waitForQueueSpace(timeout: .milliseconds(100)) {
                if cancelled.load(ordering: .relaxed) { return false }
            }
            if cancelled.load(ordering: .relaxed) { return false }
        }
    }

    /// Publishes one line if Kafka's local queue has room, without waiting: returns `false`, with nothing queued,
    /// when it is full. For a live source, which cannot wait (``LiveFeedSource`` spills the line instead).
    public func tryPublish(
        seq: Int64,
        symbol: UnsafeRawBufferPointer,
        line: UnsafeRawBufferPointer,
        port: FeedPort,
        receivedNs: Int64
    ) throws(KafkaError) -> Bool {
        stamps.store(receivedNs, seq: seq)
        let trace = TraceContext(runID: runID, seq: seq)
        return try withUnsafeTemporaryAllocation(byteCount: TraceContext.traceparentLength, alignment: 1) {
            traceparent throws(KafkaError) -> Bool in
            let traceparentLength = trace.writeTraceparent(into: traceparent)
            let traceBytes = UnsafeRawBufferPointer(rebasing: traceparent[..<traceparentLength])
            let result = try producer.sendBytes(
                to: topic,
                partition: nil,
                key: symbol,
                value: line,
                messageID: UInt64(bitPattern: seq),
                headerCount: RawEventHeaders.count
            ) { headers in
                if tracing { headers.add(RawEventHeaders.traceparent, traceBytes) }
                headers.add(RawEventHeaders.seq, decimal: seq)
                headers.add(RawEventHeaders.recvNs, decimal: receivedNs)
                headers.add(RawEventHeaders.port, decimal: Int64(port.rawValue))
            }
            return result == .queued
        }
    }

    /// Makes a waiting ``publish(seq:symbol:line:port:receivedNs:)`` give up (on shutdown with `--force`).
    public func cancel() {
        cancelled.store(true, ordering: .relaxed)
    }

    /// Waits until every published event has its delivery report, up to `timeout`.
    public func flush(timeout: Duration) throws(KafkaError) {
        try producer.flush(timeout: timeout)
    }

    /// Events published whose delivery report has not arrived.
    public var inFlight: Int { producer.inFlightCount }

    /// The next offset after the last acknowledged message of each partition written to.
    public var highWatermarks: [Int32: Int64] { ledger.highWatermarks }

    /// Closes the producer after flushing for up to `flushTimeout`.
    public func close(flushTimeout: Duration) {
        producer.close(flushTimeout: flushTimeout)
    }
}

/// Counts delivery reports, keeps per-partition high-water marks, and hands the outcomes to the run database.
final class DeliveryLedger: Sendable {
    let counters: PipelineCounters
    private let runDatabase: RunDatabase?
    private let stamps: ReceivedStampRing
    private let metrics: PipelineMetrics
    private let highs = Mutex<[Int32: Int64]>([:])
    private let traceFaults: TraceFaults?

    init(
        counters: PipelineCounters,
        metrics: PipelineMetrics,
        runDatabase: RunDatabase?,
        stamps: ReceivedStampRing,
        traceFaults: TraceFaults? = nil
    ) {
        self.counters = counters
        self.metrics = metrics
        self.runDatabase = runDatabase
        self.stamps = stamps
        self.traceFaults = traceFaults
    }

    var highWatermarks: [Int32: Int64] { highs.withLock { $0 } }

    /// Accounts for `reports`; returns how many were acknowledged.
    @discardableResult
    func account(_ reports: [KafkaDeliveryReport]) -> Int64 {
        let now = MonotonicClock.unixNanoseconds()
        var acked: Int64 = 0
        var failed: Int64 = 0
        highs.withLock { highs in
            for report in reports where report.error == nil {
                acked += 1
                highs[report.partition] = max(highs[report.partition] ?? 0, report.offset + 1)
            }
        }
        failed = Int64(reports.count) - acked
        counters.acked.add(acked)
        counters.deliveryFailed.add(failed)
        metrics.recordProduce(
            reports.lazy.filter { $0.error == nil }.map { now - self.stamps.load(seq: Int64(bitPattern: $0.messageID)) }
        )
        // A `trace.lose` fault: the first acknowledged deliveries of this batch go unrecorded.
        var unrecorded = traceFaults?.take(upTo: Int(acked)) ?? 0
        let recorded =
            unrecorded == 0
            ? reports
            : reports.filter { report in
                guard unrecorded > 0, report.error == nil else { return true }
                unrecorded -= 1
                return false
            }
        runDatabase?.record(
            recorded.lazy.map { report in
                let seq = Int64(bitPattern: report.messageID)
                return RunDatabase.Delivery(
                    seq: seq,
                    partition: report.partition,
                    offset: report.error == nil ? report.offset : -1,
                    receivedNs: self.stamps.load(seq: seq),
                    ackedNs: now,
                    error: report.error?.name
                )
            }
        )
        return acked
    }
}
