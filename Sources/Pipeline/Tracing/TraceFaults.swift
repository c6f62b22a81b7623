import Synchronization

/// A fault a run injects into its tracing: the run database loses delivery records, as when the tracing store is
/// unavailable (the scenario runner's `trace.lose`). It exists to prove `trace_complete` catches incomplete traces.
public final class TraceFaults: Sendable {
    private let losses = Mutex(0)

    public init() {}

    /// Makes the next `count` acknowledged deliveries go unrecorded.
    public func loseNextRecords(_ count: Int) {
        losses.withLock { $0 += max(0, count) }
    }

    /// Takes up to `available` records to lose from the pending count; returns how many to lose.
    func take(upTo available: Int) -> Int {
        losses.withLock { losses in
            let taken = min(losses, available)
            losses -= taken
            return taken
        }
    }
}
