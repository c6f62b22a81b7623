import SystemSupport

/// Lines per second between successive readings of a growing total, for progress lines.
struct RateMeter {
    private var last: (total: Int, nanoseconds: Int64)?
    private var rate = 0

    /// The rate since the previous call (the previous rate if called again within 100 ms).
    mutating func perSecond(total: Int) -> Int {
        let now = MonotonicClock.nanoseconds()
        defer { if last == nil { last = (total, now) } }
        guard let last, now - last.nanoseconds >= 100_000_000 else { return rate }
        rate = Int(Double(total - last.total) * 1e9 / Double(now - last.nanoseconds))
        self.last = (total, now)
        return rate
    }
}
