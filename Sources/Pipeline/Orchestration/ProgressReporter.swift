import Foundation
import Synchronization
import SystemSupport

/// Calls `report` with a fresh `sample()` every `interval` on its own thread until stopped.
final class ProgressReporter: Sendable {
    private let stopRequested = Atomic<Bool>(false)
    private let stopped = DispatchSemaphore(value: 0)

    init<Sample>(
        interval: Duration,
        sample: @escaping @Sendable () -> Sample,
        report: @escaping @Sendable (Sample) -> Void
    ) {
        let thread = Thread { [self] in
            while !stopRequested.load(ordering: .acquiring) {
                report(sample())
                MonotonicClock.sleep(nanoseconds: interval.nanoseconds)
            }
            stopped.signal()
        }
        thread.name = "progress"
        thread.start()
    }

    /// Stops the thread and waits for it.
    func stop() {
        guard !stopRequested.exchange(true, ordering: .acquiringAndReleasing) else { return }
        stopped.wait()
    }
}
