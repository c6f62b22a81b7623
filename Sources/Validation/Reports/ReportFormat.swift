import Foundation

/// Numbers, durations and fault plans written the same way in every report.
enum ReportFormat {
    /// `812`, `1.5`, `0.004`: whole numbers without a fraction, others with at most three decimals.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "\(value)" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        var text = String(format: "%.3f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// `duration` in seconds, with fractions.
    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    /// `250ms`, `2s`, `1.5s`: a duration as a scenario writes it.
    static func duration(_ duration: Duration) -> String {
        let value = seconds(duration)
        return value > 0 && value < 1 ? number(value * 1000) + "ms" : number(value) + "s"
    }

    /// `at 2s` or `at_event 1234`: when a fault was planned to start.
    static func start(_ start: FaultSpec.Start) -> String {
        switch start {
        case .at(let offset): "at \(duration(offset))"
        case .atEvent(let seq): "at_event \(seq)"
        }
    }

    /// A fault parameter's value as written: `200ms`, `1`, `redis`.
    static func value(_ value: FaultSpec.Value) -> String {
        switch value {
        case .duration(let length): duration(length)
        case .number(let number): Self.number(number)
        case .text(let text): text
        }
    }

    /// `kafka.slow_broker broker=1 rtt=200ms`: a fault's kind and parameters, sorted by name.
    static func label(_ spec: FaultSpec) -> String {
        ([spec.kind.rawValue] + spec.parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\(value($0.value))" })
            .joined(separator: " ")
    }

    /// `p99 < 500`: a threshold condition as a scenario writes it.
    static func condition(_ condition: Threshold.Condition) -> String {
        "\(condition.aggregation.rawValue) \(condition.comparison.rawValue) \(number(condition.limit))"
    }

    /// `1 check`, `7 checks`.
    static func count(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }

    /// `2026-11-28T14:55:13Z`.
    static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
