/// One fault of a scenario's timeline.
public struct FaultSpec: Sendable, Hashable {
    /// When the fault starts.
    public enum Start: Sendable, Hashable {
        /// This long after the replay started.
        case at(Duration)
        /// Just before the capture event with this `seq` is published: deterministic.
        case atEvent(Int64)
    }

    /// A value of a fault parameter, as written.
    public enum Value: Sendable, Hashable {
        case duration(Duration)
        case number(Double)
        case text(String)
    }

    public var kind: FaultKind
    public var start: Start
    /// How long the fault lasts (for a crash: how long the crashed part stays down).
    public var length: Duration
    /// The kind's own parameters (`broker`, `delay`, `rtt`, `target`...), checked against ``FaultKind/parameters``.
    public var parameters: [String: Value]
    /// The file line the fault was declared on, for reports; `nil` for a drawn fault.
    public var line: Int?

    public init(kind: FaultKind, start: Start, length: Duration, parameters: [String: Value], line: Int?) {
        self.kind = kind
        self.start = start
        self.length = length
        self.parameters = parameters
        self.line = line
    }
}

/// `random: {seed, count, kinds, min_gap}`: a schedule drawn from a seed, the same for the same seed.
public struct RandomFaults: Sendable, Hashable {
    public var seed: UInt64
    public var count: Int
    public var kinds: [FaultKind]
    public var minimumGap: Duration

    public init(seed: UInt64, count: Int, kinds: [FaultKind], minimumGap: Duration) {
        self.seed = seed
        self.count = count
        self.kinds = kinds
        self.minimumGap = minimumGap
    }
}
