#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Nanosecond timestamps for stamping events: `CLOCK_MONOTONIC`, which never jumps back when the wall clock is set,
/// and `CLOCK_REALTIME` for anchoring them to a date.
public enum MonotonicClock {
    /// Nanoseconds since an arbitrary fixed point (boot); only differences mean something.
    @inlinable
    public static func nanoseconds() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }

    /// ``nanoseconds()`` plus `nanoseconds`, saturating at `Int64.max`: a deadline that is far away, never negative.
    public static func deadline(after nanoseconds: Int64) -> Int64 {
        let (sum, overflow) = Self.nanoseconds().addingReportingOverflow(nanoseconds)
        return overflow ? .max : sum
    }

    /// Nanoseconds since 1970-01-01 UTC by the wall clock.
    public static func unixNanoseconds() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }

    /// Sleeps for `nanoseconds` (no-op for zero or less), resuming after signals.
    public static func sleep(nanoseconds: Int64) {
        guard nanoseconds > 0 else { return }
        var request = timespec(tv_sec: Int(nanoseconds / 1_000_000_000), tv_nsec: Int(nanoseconds % 1_000_000_000))
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0 && errno == EINTR { request = remaining }
    }
}
