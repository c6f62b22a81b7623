import Dispatch
import Synchronization

/// Counts delivery reports from a producer's poll thread and wakes a waiter when all have arrived.
final class DeliveryCounter: Sendable {
    private let expected: Int
    private let delivered = Atomic<Int>(0)
    private let failed = Atomic<Int>(0)
    private let done = DispatchSemaphore(value: 0)

    init(expected: Int) {
        self.expected = expected
    }

    /// Records one batch of reports.
    func record(delivered count: Int, failed failures: Int) {
        failed.add(failures, ordering: .relaxed)
        let total = delivered.add(count, ordering: .acquiringAndReleasing).newValue
        if total == expected { done.signal() }
    }

    /// Blocks until every expected report arrived.
    func wait() {
        done.wait()
    }

    var failures: Int { failed.load(ordering: .relaxed) }
}
