import Dispatch
import Feed
import Foundation
import Kafka
import MarketData
import Synchronization
import SystemSupport

/// The live source: numbers and stamps every line the IQFeed client receives and publishes it to the raw topic
/// without ever waiting for Kafka (DESIGN.md, "Kafka": a live feed cannot slow down; it spills in order to a local
/// journal and drains it when Kafka is back).
///
/// Hand it to `IQFeedClient` as its sink. Each line gets the next `seq` (from the configuration's `firstSeq`, or after
/// the journal's highest) and `recv_ns` (Unix nanoseconds when its receive was taken), under one lock, so `seq` order
/// is arrival order across ports. Then:
///
/// - **Straight to Kafka** while the journal is empty, the breaker is closed and the producer's queue has room
///   (``RawPublisher/tryPublish(seq:symbol:line:port:receivedNs:)``, which never waits).
/// - **To the spill journal** (``SpillJournal``) otherwise, and once anything is in the journal every later line goes
///   there too, so nothing overtakes what is spilled.
/// - A **drain thread** sends journaled lines in `seq` order, a batch at a time: it sends as many as the queue takes,
///   waits for every delivery report, and deletes the batch from the journal only if none failed; otherwise it sends
///   the batch again. Only when the journal is empty do new lines go straight to Kafka again; that switch happens
///   under the lock the lines take, with everything journaled already acknowledged.
///
/// Guarantees: a journaled line leaves the journal only after Kafka acknowledged it, so a crash or a stop at any time
/// loses no journaled line (while lines spill, the journal commits every 512 lines or 10-30 ms; lines not yet
/// committed are lost with the process). A batch is sent again after a failed delivery or a restart, so Kafka may hold a journaled line
/// twice (at-least-once; sinks are idempotent on `(symbol, seq)`). Per symbol, lines reach Kafka in `seq` order: the
/// key is the symbol, librdkafka keeps order per partition (idempotent producer), and a journaled line is sent only
/// after everything before it was queued. A line handed straight to Kafka relies on librdkafka's retries for up to the
/// producer's `messageTimeout`; a final failure is counted in `PipelineCounters.deliveryFailed` and recorded in the run
/// database with its `seq`. A line that can be neither sent nor journaled is counted in ``LiveSourceCounters/lost``.
///
/// The drain must outpace the feed for the journal to empty: its depth is ``LiveSourceCounters/journalDepth``.
/// Call ``stop(drainTimeout:)`` after the client has stopped; the drain thread keeps the source alive until then.
public final class LiveFeedSource: FeedLineSink {
    /// What it publishes to and where it spills.
    public let configuration: LiveFeedSourceConfiguration
    /// Where the lines went.
    public let counters: LiveSourceCounters
    let pipelineCounters: PipelineCounters
    let publisher: RawPublisher
    let breaker: CircuitBreaker?
    let log: @Sendable (String) -> Void
    let state: Mutex<State>
    let batchLimit: Int
    let wake = DispatchSemaphore(value: 0)
    let drainFinished = DispatchGroup()
    /// ``MonotonicClock`` time by which a stopping drain gives up; `Int64.max` while running.
    let stopDeadline = Atomic<Int64>(.max)

    // @unchecked: the journal (not Sendable) is created in `init` and reached only through `state`'s lock, one
    // thread at a time.
    struct State: @unchecked Sendable {
        var journal: SpillJournal
        var nextSeq: Int64
        /// Lines go to the journal: it holds lines, or the source is stopped.
        var spilling: Bool
    }

    /// Opens the journal (a non-empty one is drained before any new line reaches Kafka), connects the producer and
    /// starts the drain thread.
    ///
    /// - Parameters:
    ///   - counters: the process's counters; the producer's delivery reports are counted there (`acked`,
    ///     `deliveryFailed`), and `emitted` counts lines handed straight to Kafka and journaled lines once drained.
    ///   - breaker: the Kafka circuit breaker, if any: client errors count as its failures; while it is not closed
    ///     lines spill, and the drain sends only the requests it allows, reporting each batch's outcome.
    ///   - log: problems worth a line in the log (journal failures, Kafka refusals, failed deliveries, feed events).
    /// - Throws: ``PipelineError`` (`.infrastructure`) if the journal cannot be opened or the producer created.
    public init(
        configuration: LiveFeedSourceConfiguration,
        counters: PipelineCounters,
        metrics: PipelineMetrics,
        runDatabase: RunDatabase?,
        breaker: CircuitBreaker? = nil,
        log: @escaping @Sendable (String) -> Void = { _ in }
    ) throws(PipelineError) {
        self.configuration = configuration
        self.counters = LiveSourceCounters()
        self.pipelineCounters = counters
        self.breaker = breaker
        self.log = log
        batchLimit = max(1, min(configuration.drainBatchLimit, configuration.producer.maxQueuedMessages))
        let journal: SpillJournal
        do {
            journal = try SpillJournal(path: configuration.journalPath)
        } catch {
            throw PipelineError(.infrastructure, error.description)
        }
        do {
            publisher = try RawPublisher(
                configuration: configuration.producer,
                topic: configuration.topic,
                runID: configuration.runID,
                counters: counters,
                metrics: metrics,
                runDatabase: runDatabase,
                onError: { error in breaker?.recordFailure(now: .monotonicNow, reason: error.description) }
            )
        } catch {
            throw PipelineError(.infrastructure, "Kafka at \(configuration.producer.common.bootstrapServers): \(error)")
        }
        let nextSeq = max(configuration.firstSeq, (journal.lastSeq ?? 0) + 1)
        state = Mutex(State(journal: journal, nextSeq: nextSeq, spilling: journal.count > 0))
        self.counters.journalDepth.store(Int64(journal.count), ordering: .relaxed)
        if journal.count > 0 {
            log("spill journal \(journal.path) holds \(journal.count) lines from an earlier run; draining them first")
        }
        drainFinished.enter()
        startThread(named: "live-drain") { [self] in
            drainLoop()
            drainFinished.leave()
        }
    }

    /// Numbers, stamps and publishes or spills each line; never waits for Kafka.
    public func receive(_ lines: FeedLines, from port: FeedPort) {
        let kafkaAllowed = breaker.map { $0.state == .closed } ?? true
        let startedSpilling = state.withLock { state -> Bool in
            let receivedNs = MonotonicClock.unixNanoseconds()
            var startedSpilling = false
            lines.forEach { line in
                let seq = state.nextSeq
                state.nextSeq += 1
                counters.received.add(1)
                let symbol = FeedLine.symbolRange(in: line, port: port).map {
                    UnsafeRawBufferPointer(rebasing: line[$0])
                }
                if !state.spilling && kafkaAllowed
                    && publishDirectly(seq: seq, symbol: symbol, line: line, port: port, receivedNs: receivedNs)
                {
                    return
                }
                if !state.spilling {
                    state.spilling = true
                    startedSpilling = true
                    counters.spillEpisodes.add(1)
                }
                do throws(SpillJournalError) {
                    try state.journal.append(seq: seq, symbol: symbol, port: port, receivedNs: receivedNs, line: line)
                    counters.spilled.add(1)
                } catch {
                    journalFailed(error, journal: state.journal)
                }
            }
            counters.journalDepth.store(Int64(state.journal.count), ordering: .relaxed)
            return startedSpilling
        }
        if startedSpilling { wake.signal() }
    }

    /// Logs what the operator should hear about: reconnects, outages and a client that gave up.
    public func handle(_ event: FeedConnectionEvent) {
        switch event {
        case .disconnected(let port, let reason):
            log("\(port): \(reason); reconnecting")
        case .gap(let port, let start, let end, let reason):
            log("\(port): no data for \(Formatting.seconds(.nanoseconds(end - start))) (\(reason))")
        case .failed(let error):
            log("the feed client gave up: \(error.message)")
        case .connected, .unknownSymbol, .warning, .fieldsAcknowledged:
            break
        }
    }

    /// Stops publishing: lets the drain empty the journal for up to `drainTimeout`, waits (within the same time) for
    /// the delivery reports of everything sent, and closes the producer. Call it after the client has stopped; lines
    /// received after this go to the journal. What is still journaled stays on disk for the next start.
    ///
    /// - Returns: whether nothing is left: the journal is empty and every line sent has its delivery report.
    @discardableResult
    public func stop(drainTimeout: Duration) -> Bool {
        let deadline = MonotonicClock.deadline(after: drainTimeout.nanoseconds)
        guard
            stopDeadline.compareExchange(expected: .max, desired: deadline, ordering: .acquiringAndReleasing).exchanged
        else {
            return state.withLock { $0.journal.count == 0 } && publisher.inFlight == 0
        }
        wake.signal()
        drainFinished.wait()
        let journalEmpty = state.withLock { state -> Bool in
            state.spilling = true
            do throws(SpillJournalError) {
                try state.journal.commit()
            } catch {
                journalFailed(error, journal: state.journal)
            }
            return state.journal.count == 0
        }
        let left = max(0, deadline - MonotonicClock.nanoseconds())
        let delivered = (try? publisher.flush(timeout: .nanoseconds(left))) != nil
        publisher.close(flushTimeout: .zero)
        if !journalEmpty || !delivered {
            log(
                "live source stopped with \(counters.journalDepth.value) lines journaled in \(configuration.journalPath) "
                    + "and \(publisher.inFlight) without a delivery report; the journal is drained on the next start"
            )
        }
        return journalEmpty && delivered
    }

    /// Hands a line to Kafka if its queue has room; a refusal is logged and the line spills.
    private func publishDirectly(
        seq: Int64,
        symbol: UnsafeRawBufferPointer?,
        line: UnsafeRawBufferPointer,
        port: FeedPort,
        receivedNs: Int64
    ) -> Bool {
        let empty = UnsafeRawBufferPointer(start: nil, count: 0)
        do {
            let queued = try publisher.tryPublish(
                seq: seq,
                symbol: symbol ?? empty,
                line: line,
                port: port,
                receivedNs: receivedNs
            )
            guard queued else { return false }
        } catch {
            log("Kafka refused line \(seq): \(error); spilling to \(configuration.journalPath)")
            return false
        }
        counters.publishedDirect.add(1)
        pipelineCounters.emitted.add(1)
        return true
    }

    func journalFailed(_ error: SpillJournalError, journal: SpillJournal) {
        counters.journalErrors.add(1)
        counters.lost.add(Int64(error.linesLost))
        counters.journalDepth.store(Int64(journal.count), ordering: .relaxed)
        log(error.description)
    }
}
