import Foundation
import Synchronization
import SystemSupport

/// Calls `report` with a fresh `sample()` every `interval` on its own thread until stopped.
final class ProgressReporter<Sample>: Sendable {
    private let sample: @Sendable () -> Sample
    private let stopRequested = Atomic<Bool>(false)
    private let stopped = DispatchSemaphore(value: 0)

    init(
        interval: Duration,
        sample: @escaping @Sendable () -> Sample,
        report: @escaping @Sendable (Sample) -> Void
    ) {
        self.sample = sample
        startThread(named: "progress") { [self] in
            while !stopRequested.load(ordering: .acquiring) {
                report(sample())
                MonotonicClock.sleep(nanoseconds: interval.nanoseconds)
            }
            stopped.signal()
        }
    }

    /// Stops the thread, waits for it, and returns a last sample for a final report.
    @discardableResult
    func stop() -> Sample {
        if !stopRequested.exchange(true, ordering: .acquiringAndReleasing) {
            stopped.wait()
        }
        return sample()
    }
}
