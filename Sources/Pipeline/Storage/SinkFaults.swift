import MarketData
import Synchronization
import SystemSupport

/// Faults a run injects into its sinks: refuse the next batches, or slow every batch down. Shared by every sink
/// of the run; changed while it runs (the scenario runner's `sink.fail` and `sink.slow`).
public final class SinkFaults: Sendable {
    private let state = Mutex<(failures: Int, delay: Duration)>((0, .zero))

    public init() {}

    /// Makes the next `count` batch commits fail as if the store were unavailable.
    public func failNextBatches(_ count: Int) {
        state.withLock { $0.failures = max(0, count) }
    }

    /// Delays every batch commit by `delay` (zero to stop).
    public func slowBatches(by delay: Duration) {
        state.withLock { $0.delay = delay }
    }

    /// Called before each commit: waits the delay, then says whether this commit must fail.
    func beforeCommit() -> Bool {
        let (fail, delay) = state.withLock { state -> (Bool, Duration) in
            let fail = state.failures > 0
            if fail { state.failures -= 1 }
            return (fail, state.delay)
        }
        MonotonicClock.sleep(nanoseconds: delay.nanoseconds)
        return fail
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
        if faults.beforeCommit() {
            throw SinkError(.unavailable, "\(destination): batch refused by an injected sink fault")
        }
        return try base.commitBatch(processor: processor)
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
