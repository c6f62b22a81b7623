/// How fast a capture is replayed.
public enum ReplayPace: Sendable, Hashable, CustomStringConvertible {
    /// As recorded: each event at its recorded offset from the first.
    case recorded
    /// `factor` times faster than recorded (`10x`); `1x` is ``recorded``.
    case multiplied(Double)
    /// As fast as the pipeline takes it.
    case max
    /// A fixed number of events per second (`5000/s`), ignoring the recorded times.
    case rate(Double)

    /// Reads `recorded`, `max`, `Nx` (N > 0) or `N/s` (N > 0); `nil` for anything else.
    public init?(_ text: String) {
        let text = text.lowercased()
        switch text {
        case "recorded": self = .recorded
        case "max": self = .max
        default:
            if text.hasSuffix("/s"), let rate = Double(text.dropLast(2)), rate > 0, rate.isFinite {
                self = .rate(rate)
            } else if text.hasSuffix("x"), let factor = Double(text.dropLast()), factor > 0, factor.isFinite {
                self = factor == 1 ? .recorded : .multiplied(factor)
            } else {
                return nil
            }
        }
    }

    public var description: String {
        switch self {
        case .recorded: "recorded"
        case .multiplied(let factor): "\(Self.number(factor))x"
        case .max: "max"
        case .rate(let rate): "\(Self.number(rate))/s"
        }
    }

    /// What ``init(_:)`` accepts, for error messages.
    public static let choices = "recorded, 1x, 10x (any factor), max, 5000/s (any rate)"

    /// When event number `index` (from 0), recorded `recvNs - firstRecvNs` after the first, is due, in nanoseconds
    /// after the replay started; `nil` for ``max``. Each due time comes from the start, not from the previous event,
    /// so waits never add up to drift.
    func dueOffset(index: Int64, sinceFirstNs: Int64) -> Int64? {
        switch self {
        case .recorded: sinceFirstNs
        case .multiplied(let factor): Int64((Double(sinceFirstNs) / factor).rounded())
        case .max: nil
        case .rate(let rate): Int64((Double(index) * 1e9 / rate).rounded())
        }
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int64(value)) : String(value)
    }
}
