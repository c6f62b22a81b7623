import Foundation
import Pipeline
import Synchronization
import SystemSupport

/// Reads how far the pipeline has got every 20 ms while a scenario runs: events published and stored, and the
/// consumer lag. Recovery after each fault is judged on these readings.
final class RecoveryProbe: Sendable {
    /// One reading.
    struct Reading: Sendable, Hashable {
        /// Seconds since the replay started.
        var seconds: Double
        var published: Int64
        var stored: Int64
        var lag: Int64
    }

    private let readings = Mutex<[Reading]>([])
    private let stopping = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)

    /// Starts reading `controls` and `counters`; `seconds` converts a monotonic time to seconds since replay start.
    init(controls: PipelineControls, counters: PipelineCounters, seconds: @escaping @Sendable (Int64) -> Double) {
        startThread(named: "recovery-probe") { [self] in
            while !stopping.load(ordering: .relaxed) {
                if let stored = controls.storedCount, let lag = controls.consumerLag {
                    let reading = Reading(
                        seconds: seconds(MonotonicClock.nanoseconds()),
                        published: counters.emitted.value,
                        stored: stored,
                        lag: lag
                    )
                    readings.withLock { $0.append(reading) }
                }
                MonotonicClock.sleep(nanoseconds: 20_000_000)
            }
            finished.signal()
        }
    }

    /// Stops reading and returns the readings, in time order.
    func stop() -> [Reading] {
        stopping.store(true, ordering: .relaxed)
        finished.wait()
        return readings.withLock { $0 }
    }
}
