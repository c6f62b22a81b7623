import Histogram

/// A latency histogram in nanoseconds, backed by HdrHistogram with 3 significant digits.
///
/// The rest of the code records and reads latencies through this type only and never imports `Histogram`.
/// Values are kept to within 0.1 %: a percentile is the highest value equivalent to the recorded ones at that
/// rank (HdrHistogram's rule), but never more than the largest value recorded, so a histogram holding one
/// value, or equal values, gives that value back exactly. ``max`` is always the exact largest value.
///
/// Negative values (clock readings taken in the wrong order) count as 0; values above
/// ``highestTrackableNanoseconds`` (1 hour) count as 1 hour, so a stuck event cannot grow the histogram without
/// bound. The histogram grows as larger values arrive and starts small.
public struct LatencyHistogram: Sendable, Equatable {
    /// The largest latency kept apart from others, 1 hour in nanoseconds; larger values are recorded as this.
    public static let highestTrackableNanoseconds: UInt64 = 3_600_000_000_000

    private var histogram: Histogram<UInt64>

    /// An empty histogram.
    public init() {
        histogram = Histogram<UInt64>(numberOfSignificantValueDigits: .three)
    }

    /// The number of values recorded.
    public var count: Int { Int(histogram.totalCount) }

    /// Whether nothing has been recorded.
    public var isEmpty: Bool { histogram.totalCount == 0 }

    /// Records one latency in nanoseconds; negatives count as 0, values above 1 hour as 1 hour.
    public mutating func record(nanoseconds: Int64) {
        let clamped = UInt64(Swift.max(nanoseconds, 0))
        histogram.record(Swift.min(clamped, Self.highestTrackableNanoseconds))
    }

    /// Records one latency; negatives count as 0, values above 1 hour as 1 hour.
    public mutating func record(_ latency: Duration) {
        let (seconds, attoseconds) = latency.components
        if seconds >= Int64(Self.highestTrackableNanoseconds / 1_000_000_000) {
            record(nanoseconds: Int64(Self.highestTrackableNanoseconds))
        } else if seconds < 0 {
            record(nanoseconds: 0)
        } else {
            record(nanoseconds: seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
        }
    }

    /// The latency at `percentile` (0 to 100), or zero when empty. 0 gives the smallest value, 100 the largest.
    public func percentile(_ percentile: Double) -> Duration {
        guard !isEmpty else { return .zero }
        return .nanoseconds(Int64(histogram.valueAtPercentile(Swift.min(Swift.max(percentile, 0), 100))))
    }

    /// The median latency, or zero when empty.
    public var p50: Duration { percentile(50) }

    /// The 99th percentile latency, or zero when empty.
    public var p99: Duration { percentile(99) }

    /// The largest latency recorded (exact), or zero when empty.
    public var max: Duration { isEmpty ? .zero : .nanoseconds(Int64(histogram.maxRecorded)) }

    /// The mean latency, or zero when empty.
    public var mean: Duration { isEmpty ? .zero : .nanoseconds(Int64(histogram.mean)) }

    /// Adds every value of `other` to this histogram, as if each had been recorded here.
    public mutating func merge(_ other: LatencyHistogram) {
        histogram.add(other.histogram)
    }

    /// The count, p50, p99 and max of this histogram.
    public var summary: LatencySummary {
        LatencySummary(count: count, p50: p50, p99: p99, max: max)
    }
}

/// The figures a health check reads from a latency histogram: count, median, 99th percentile and maximum.
public struct LatencySummary: Sendable, Hashable {
    /// No latencies recorded: count 0 and every figure zero.
    public static let empty = LatencySummary(count: 0, p50: .zero, p99: .zero, max: .zero)

    /// The number of latencies recorded.
    public var count: Int
    /// The median latency.
    public var p50: Duration
    /// The 99th percentile latency.
    public var p99: Duration
    /// The largest latency.
    public var max: Duration

    /// A summary with the given figures.
    public init(count: Int, p50: Duration, p99: Duration, max: Duration) {
        self.count = count
        self.p50 = p50
        self.p99 = p99
        self.max = max
    }
}
