import Foundation
import Pipeline
import Synchronization
import SystemSupport

/// Reads how far the pipeline has got every 20 ms while a scenario runs: events published, failed and stored.
/// Recovery after each fault is judged on these readings.
final class RecoveryProbe: Sendable {
    /// One reading.
    struct Reading: Sendable, Hashable {
        /// Seconds since the replay started.
        var seconds: Double
        var published: Int64
        /// Published events whose delivery failed so far: they will never be stored.
        var failed: Int64
        var stored: Int64
    }

    private let readings = Mutex<[Reading]>([])
    private let stopping = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)
    private let controls: PipelineControls
    private let counters: PipelineCounters
    private let seconds: @Sendable (Int64) -> Double

    /// Starts reading `controls` and `counters`; `seconds` converts a monotonic time to seconds since replay start.
    init(controls: PipelineControls, counters: PipelineCounters, seconds: @escaping @Sendable (Int64) -> Double) {
        self.controls = controls
        self.counters = counters
        self.seconds = seconds
        startThread(named: "recovery-probe") { [self] in
            while !stopping.load(ordering: .relaxed) {
                read()
                MonotonicClock.sleep(nanoseconds: 20_000_000)
            }
            finished.signal()
        }
    }

    /// Stops reading, takes a last reading (the pipeline still runs) and returns them all, in time order.
    func stop() -> [Reading] {
        if !stopping.exchange(true, ordering: .relaxed) {
            finished.wait()
            read()
        }
        return readings.withLock { $0 }
    }

    private func read() {
        guard let stored = controls.storedCount else { return }
        let reading = Reading(
            seconds: seconds(MonotonicClock.nanoseconds()),
            published: counters.emitted.value,
            failed: counters.deliveryFailed.value,
            stored: stored
        )
        readings.withLock { $0.append(reading) }
    }
}
