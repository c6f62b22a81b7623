import MarketData
import Synchronization
import SystemSupport

/// Faults a run injects into its sinks: refuse the next batches, refuse a share of them, slow every batch down, or
/// break the sink's guarantee by acknowledging batches it did not keep (`sink.lose`, which exists to prove `no_loss`
/// catches a broken sink). Shared by every sink of the run; changed while it runs.
public final class SinkFaults: Sendable {
    /// What happens to a batch at its commit.
    enum Commit {
        case store
        case refuse
        /// Rolled back, reported as stored.
        case lose
    }

    private struct State {
        var failures = 0
        var failureRate = 0.0
        var losses = 0
        var delay = Duration.zero
        var generator: SplitMix64
    }

    private let state: Mutex<State>

    /// `seed` drives which batches a failure rate refuses, so a run can be repeated exactly.
    public init(seed: UInt64 = 0) {
        state = Mutex(State(generator: SplitMix64(seed: seed)))
    }

    /// Makes the next `count` batch commits fail as if the store were unavailable.
    public func failNextBatches(_ count: Int) {
        state.withLock { $0.failures = max(0, count) }
    }

    /// Refuses each batch commit with probability `rate` (0-1; zero to stop).
    public func failBatches(rate: Double) {
        state.withLock { $0.failureRate = min(max(rate, 0), 1) }
    }

    /// Makes the next `count` batch commits report success while keeping nothing.
    public func loseNextBatches(_ count: Int) {
        state.withLock { $0.losses = max(0, count) }
    }

    /// Delays every batch commit by `delay` (zero to stop).
    public func slowBatches(by delay: Duration) {
        state.withLock { $0.delay = delay }
    }

    /// Called before each commit: waits the delay, then says what becomes of the batch.
    func beforeCommit() -> Commit {
        let (commit, delay) = state.withLock { state -> (Commit, Duration) in
            if state.failures > 0 {
                state.failures -= 1
                return (.refuse, state.delay)
            }
            if state.losses > 0 {
                state.losses -= 1
                return (.lose, state.delay)
            }
            let drawn = state.failureRate > 0 && Double(state.generator.below(1_000_000)) < state.failureRate * 1e6
            return (drawn ? .refuse : .store, state.delay)
        }
        MonotonicClock.sleep(nanoseconds: delay.nanoseconds)
        return commit
    }
}

/// A sink that passes everything to `base` but lets ``SinkFaults`` refuse or slow its commits.
final class FaultInjectingSink: EventSink, StoredEventReader {
    private let base: any EventSink & StoredEventReader
    private let faults: SinkFaults

    init(_ base: any EventSink & StoredEventReader, faults: SinkFaults) {
        self.base = base
        self.faults = faults
    }

    var destination: String { base.destination }

    func beginBatch(id: Int64) throws(SinkError) { try base.beginBatch(id: id) }
    func append(_ event: SinkEvent) throws(SinkError) { try base.append(event) }
    func append(_ badLine: SinkBadLine) throws(SinkError) { try base.append(badLine) }
    func append(_ snapshot: BookSnapshot) throws(SinkError) { try base.append(snapshot) }

    func commitBatch(processor: String) throws(SinkError) -> SinkBatchResult {
        switch faults.beforeCommit() {
        case .store:
            return try base.commitBatch(processor: processor)
        case .refuse:
            throw SinkError(.unavailable, "\(destination): batch refused by an injected sink fault")
        case .lose:
            base.rollbackBatch()
            return SinkBatchResult(rows: 0, duplicates: 0)
        }
    }

    func rollbackBatch() { base.rollbackBatch() }

    func forEachStoredLine(
        of symbol: String,
        _ body: (Int64, FeedPort, UnsafeRawBufferPointer) -> Void
    ) throws(SinkError) {
        try base.forEachStoredLine(of: symbol, body)
    }

    func storedSymbols() throws(SinkError) -> [String] { try base.storedSymbols() }

    func storedRows(of symbol: String, afterSeq: Int64, limit: Int) throws(SinkError) -> [StoredRow] {
        try base.storedRows(of: symbol, afterSeq: afterSeq, limit: limit)
    }

    func duplicatesAbsorbed() throws(SinkError) -> Int64 { try base.duplicatesAbsorbed() }
    func snapshotCounts() throws(SinkError) -> [String: Int64] { try base.snapshotCounts() }
}
