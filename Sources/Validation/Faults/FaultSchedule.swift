import SystemSupport

/// Turns a scenario's `random: {seed, count, kinds, min_gap}` into concrete faults: the same seed, capture span and
/// settings always give the same schedule, so a failing random run can be run again exactly and its report
/// prints the schedule.
public enum FaultSchedule {
    /// The shortest and longest fault drawn.
    public static let lengths: ClosedRange<Duration> = .milliseconds(500) ... .seconds(3)

    /// `random.count` faults of `random.kinds`, starting within the middle 80% of `span` (the replay's expected
    /// length), each at least `random.minimumGap` after the previous one ended, in start order. Fewer come back
    /// when `span` cannot hold them all. A kind's required parameters get ``defaultParameters(for:)``.
    public static func draw(_ random: RandomFaults, over span: Duration) -> [FaultSpec] {
        guard !random.kinds.isEmpty, random.count > 0 else { return [] }
        var generator = SplitMix64(seed: random.seed)
        let spanNs = span.nanoseconds
        let earliest = spanNs / 10
        let latest = spanNs - spanNs / 10
        let gapNs = random.minimumGap.nanoseconds
        let shortest = lengths.lowerBound.nanoseconds
        let longest = lengths.upperBound.nanoseconds
        // Evenly sized slots, one fault per slot at a random place inside it, keep the order and the gaps.
        let slotNs = (latest - earliest) / Int64(random.count)
        guard slotNs > shortest + gapNs else { return [] }
        var faults: [FaultSpec] = []
        for index in 0..<random.count {
            let kind = random.kinds[generator.below(random.kinds.count)]
            let slotStart = earliest + Int64(index) * slotNs
            let length = shortest + Int64(generator.below(Int(min(longest, slotNs - gapNs) - shortest) + 1))
            let slack = slotNs - gapNs - length
            let start = slotStart + (slack > 0 ? Int64(generator.below(Int(slack) + 1)) : 0)
            faults.append(
                FaultSpec(
                    kind: kind,
                    start: .at(.nanoseconds(start)),
                    length: .nanoseconds(length),
                    parameters: defaultParameters(for: kind),
                    line: nil
                )
            )
        }
        return faults
    }

    /// Values for the parameters a kind requires, for faults the schedule draws; empty for kinds that need none.
    public static func defaultParameters(for kind: FaultKind) -> [String: FaultSpec.Value] {
        switch kind {
        case .kafkaSlowBroker: ["rtt": .duration(.milliseconds(200))]
        case .sinkSlow, .redisSlow: ["delay": .duration(.milliseconds(100))]
        case .netLatency: ["target": .text("redis"), "latency": .duration(.milliseconds(50))]
        case .netBandwidth: ["target": .text("redis"), "rate": .number(100_000)]
        case .netTimeout, .netReset: ["target": .text("redis")]
        default: [:]
        }
    }

    /// The kinds a random schedule may draw: all but `exec`, which needs commands only a scenario can give, and
    /// `sink.lose` and `trace.lose`, which break a guarantee on purpose.
    public static var drawableKinds: [FaultKind] {
        FaultKind.allCases.filter { ![.exec, .sinkLose, .traceLose].contains($0) }
    }
}
