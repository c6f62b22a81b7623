import SystemSupport

/// Schedules lines against an absolute clock, so waits never add up to drift.
struct PlaybackPacer {
    let pace: SimulatorConfiguration.Pace
    private var origin: (wall: Int64, recorded: Int64)?

    init(pace: SimulatorConfiguration.Pace) {
        self.pace = pace
    }

    /// Nanoseconds to wait before a line recorded at `recorded`; nil or ≤ 0 means send now.
    mutating func wait(before recorded: Int64) -> Int64? {
        let now = MonotonicClock.nanoseconds()
        guard let origin else {
            self.origin = (now, recorded)
            return nil
        }
        guard let offset = pace.wallNanoseconds(for: recorded - origin.recorded) else { return nil }
        return origin.wall + offset - now
    }
}
