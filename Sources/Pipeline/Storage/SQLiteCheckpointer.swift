import Foundation
import SQLite
import Synchronization
import SystemSupport

/// Copies a WAL database's log back into the database file from its own thread and connection, so writers that
/// turned automatic checkpoints off never pay for them inside a commit.
///
/// Every `interval` a passive checkpoint copies what is committed without blocking anyone. A writer that never
/// pauses would still keep the log from ever starting over (it restarts only when a transaction begins with
/// everything copied), so every tenth round is a `TRUNCATE` checkpoint: it waits for the writer's current
/// transaction, copies the little the passive rounds left, and empties the log. The log stays at about ten
/// intervals of writes.
final class SQLiteCheckpointer: Sendable {
    private let stopRequested = Atomic<Bool>(false)
    private let stopped = DispatchSemaphore(value: 0)

    /// Starts checkpointing `path`; returns `nil` if it cannot open the file (the writer then keeps a growing log,
    /// which is slower but loses nothing).
    init?(path: String, interval: Duration = .milliseconds(200)) {
        guard let database = try? SQLiteDatabase(path: path, mode: .readWrite) else { return nil }
        startThread(named: "sink-checkpoint") { [self] in
            var round = 0
            while !stopRequested.load(ordering: .acquiring) {
                MonotonicClock.sleep(nanoseconds: interval.nanoseconds)
                round += 1
                try? database.execute("PRAGMA wal_checkpoint(\(round % 10 == 0 ? "TRUNCATE" : "PASSIVE"))")
            }
            stopped.signal()
        }
    }

    /// Stops the thread after its current checkpoint.
    func stop() {
        guard !stopRequested.exchange(true, ordering: .acquiringAndReleasing) else { return }
        stopped.wait()
    }

    deinit {
        stop()
    }
}
