import Dispatch
import Feed
import Foundation
import Kafka
import MarketData
import Synchronization
import SystemSupport

extension LiveFeedSource {
    /// Moves journaled lines to Kafka, batch by batch, until ``stop(drainTimeout:)``.
    func drainLoop() {
        var batch = SpillBatch()
        var refusing = false
        while true {
            let pending = withJournal { journal throws(SpillJournalError) in
                try journal.commitIfDue()
                return journal.count
            }
            let stopping = stopDeadline.load(ordering: .acquiring) != .max
            if pending == 0 && stopping { return }
            if pending == 0 || pending == nil {
                pause(.milliseconds(pending == nil ? 100 : 500))
                continue
            }
            if stopping && pastStopDeadline { return }
            if let breaker, !breaker.allowsRequest(now: .monotonicNow) {
                pause(.milliseconds(20))
                continue
            }
            batch.removeAll()
            let read = withJournal { journal throws(SpillJournalError) in
                try journal.forEachInOrder(limit: batchLimit) { batch.append($0) }
                return journal.count
            }
            guard read != nil, !batch.isEmpty else {
                pause(.milliseconds(100))
                continue
            }
            let failedBefore = pipelineCounters.deliveryFailed.value
            let (sent, refusal) = send(batch)
            if let refusal {
                breaker?.recordFailure(now: .monotonicNow, reason: refusal.description)
                if !refusing { log("Kafka refused a journaled line: \(refusal); retrying") }
                refusing = true
            } else if sent > 0 {
                refusing = false
            }
            // Nothing sent: the queue is full of earlier lines, or Kafka refused; wait for the queue to empty.
            guard waitForDeliveries() else { return }
            guard sent > 0 else {
                if refusal != nil { pause(.milliseconds(100)) }
                continue
            }
            guard pipelineCounters.deliveryFailed.value == failedBefore else {
                counters.resent.add(Int64(sent))
                breaker?.recordFailure(now: .monotonicNow, reason: "a delivery of journaled lines failed")
                log("a delivery failed while draining \(configuration.journalPath); sending \(sent) lines again")
                continue
            }
            breaker?.recordSuccess(now: .monotonicNow)
            let lastSent = batch.entries[sent - 1].seq
            pipelineCounters.emitted.add(Int64(sent))
            _ = withJournal { journal throws(SpillJournalError) in
                try journal.remove(upTo: lastSent)
                counters.drained.add(Int64(sent))
                return journal.count
            }
        }
    }

    /// Sends the batch's lines in order until the queue is full; returns how many were queued and Kafka's refusal,
    /// if one stopped it.
    func send(_ batch: SpillBatch) -> (sent: Int, refusal: KafkaError?) {
        var sent = 0
        var refusal: KafkaError?
        batch.forEach { entry, symbol, line in
            do throws(KafkaError) {
                let queued = try publisher.tryPublish(
                    seq: entry.seq,
                    symbol: symbol,
                    line: line,
                    port: entry.port,
                    receivedNs: entry.receivedNs
                )
                if queued { sent += 1 }
                return queued
            } catch {
                refusal = error
                return false
            }
        }
        return (sent, refusal)
    }

    /// Runs `body` on the journal under the lock, then publishes its depth; when the journal is emptied (and the source
    /// is not stopped) lines go straight to Kafka again. Returns `nil` after a journal failure (logged and counted).
    func withJournal(_ body: (SpillJournal) throws(SpillJournalError) -> Int) -> Int? {
        state.withLock { state -> Int? in
            do throws(SpillJournalError) {
                let count = try body(state.journal)
                if count == 0 && state.spilling && stopDeadline.load(ordering: .acquiring) == .max {
                    state.spilling = false
                }
                counters.journalDepth.store(Int64(state.journal.count), ordering: .relaxed)
                return count
            } catch {
                journalFailed(error, journal: state.journal)
                return nil
            }
        }
    }

    /// Waits until every line handed to Kafka has its delivery report, committing lines the feed journals meanwhile;
    /// `false` if the stop deadline passes first.
    func waitForDeliveries() -> Bool {
        while true {
            do {
                try publisher.flush(timeout: .milliseconds(20))
                return true
            } catch {
                if pastStopDeadline { return false }
                _ = withJournal { journal throws(SpillJournalError) in
                    try journal.commitIfDue()
                    return journal.count
                }
            }
        }
    }

    private var pastStopDeadline: Bool {
        MonotonicClock.nanoseconds() >= stopDeadline.load(ordering: .acquiring)
    }

    /// Waits up to `duration`, less if a line starts a spill or ``stop(drainTimeout:)`` is called.
    func pause(_ duration: Duration) {
        _ = wake.wait(timeout: .now() + .nanoseconds(Int(duration.nanoseconds)))
    }
}
