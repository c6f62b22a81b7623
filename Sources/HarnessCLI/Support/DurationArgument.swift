import ArgumentParser

/// A duration on the command line: a number and a unit, e.g. `500ms`, `30s`, `10m`, `2h`; at most 100 years, so
/// adding it to a clock reading can never overflow.
struct DurationArgument: ExpressibleByArgument, Sendable, Equatable, CustomStringConvertible {
    /// The longest duration accepted, in nanoseconds (100 years).
    static let maximumNanoseconds = 100 * 365.25 * 86_400e9

    /// The duration.
    let duration: Duration
    private let text: String

    init?(argument: String) {
        let units: [(suffix: String, nanoseconds: Double)] = [
            ("ms", 1e6), ("s", 1e9), ("m", 60e9), ("h", 3600e9),
        ]
        guard let unit = units.first(where: { argument.hasSuffix($0.suffix) }),
            let value = Double(argument.dropLast(unit.suffix.count)), value > 0,
            value * unit.nanoseconds <= Self.maximumNanoseconds
        else { return nil }
        duration = .nanoseconds(Int64(value * unit.nanoseconds))
        text = argument
    }

    var description: String { text }

    static var defaultCompletionKind: CompletionKind { .default }
}
