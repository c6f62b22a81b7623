import MarketData

/// How the simulator listens and paces its playback.
public struct SimulatorConfiguration: Sendable {
    /// How fast recorded lines are served.
    public enum Pace: Sendable, Equatable, CustomStringConvertible {
        /// At the recorded times (`recv_ns` gaps as they were).
        case recorded
        /// `factor` times faster than recorded (`10x`).
        case multiplied(Double)
        /// As fast as the client reads.
        case max

        /// The slowest and fastest factors `Nx` accepts.
        public static let factors = 0.000_001...1_000_000.0

        /// Parses `recorded`, `max`, or `Nx` (e.g. `10x`, `0.5x`, within ``factors``); nil for anything else.
        public init?(_ text: String) {
            switch text.lowercased() {
            case "recorded", "1x": self = .recorded
            case "max": self = .max
            default:
                guard text.lowercased().hasSuffix("x"), let factor = Double(text.dropLast()),
                    Self.factors.contains(factor)
                else { return nil }
                self = .multiplied(factor)
            }
        }

        public var description: String {
            switch self {
            case .recorded: "recorded"
            case .multiplied(let factor): "\(factor)x"
            case .max: "max"
            }
        }

        /// Nanoseconds of wall time for `recorded` nanoseconds of capture time; nil means no waiting.
        func wallNanoseconds(for recorded: Int64) -> Int64? {
            switch self {
            case .recorded: recorded
            case .multiplied(let factor): Int64(min(Double(recorded) / factor, 9.0e18))
            case .max: nil
            }
        }
    }

    /// Level 1 port; 0 picks a free one. Default 5009.
    public var level1Port: Int
    /// Level 2 port; 0 picks a free one. Default 9200.
    public var level2Port: Int
    /// Playback pace. Default `.recorded`.
    public var pace: Pace
    /// Playback starts when clients watch every recorded symbol, or this long after the first watch. Default 5 s.
    public var startTimeout: Duration
    /// Interval of `T` heartbeats on each connection. Default 1 s.
    public var heartbeatInterval: Duration

    /// Defaults as documented on each property.
    public init(level1Port: Int = FeedPort.level1.rawValue, level2Port: Int = FeedPort.level2.rawValue) {
        self.level1Port = level1Port
        self.level2Port = level2Port
        self.pace = .recorded
        self.startTimeout = .seconds(5)
        self.heartbeatInterval = .seconds(1)
    }
}
