extension Duration {
    /// The whole duration in nanoseconds (sub-nanosecond parts dropped), for clocks and C calls that count them.
    public var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }

    /// Whole milliseconds, rounded down, for C calls that take them (`poll`).
    var milliseconds: Int64 {
        nanoseconds / 1_000_000
    }
}
