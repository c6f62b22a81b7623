/// Elapsed time and rates for benchmark phases.
struct Stopwatch {
    private let start = ContinuousClock.now

    var elapsed: Duration { ContinuousClock.now - start }

    /// Items per second over the elapsed time.
    func rate(_ count: Int) -> Double {
        Double(count) / elapsed.seconds
    }
}

extension Duration {
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}

/// The median of a non-empty list of measurements.
func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted[sorted.count / 2]
}
