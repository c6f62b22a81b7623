/// Durations as scenarios write them: `250ms`, `2s`, `1.5s`, `3m`, `1h`.
enum ScenarioDuration {
    /// The duration `text` names, or `nil`.
    static func parse(_ text: String) -> Duration? {
        let units: [(suffix: String, seconds: Double)] = [
            ("ms", 0.001), ("us", 0.000_001), ("s", 1), ("m", 60), ("h", 3600),
        ]
        for unit in units where text.hasSuffix(unit.suffix) {
            guard let number = Double(text.dropLast(unit.suffix.count)), number >= 0, number.isFinite,
                number * unit.seconds < 86_400 * 365
            else { return nil }
            return .nanoseconds(Int64((number * unit.seconds * 1e9).rounded()))
        }
        return nil
    }
}
