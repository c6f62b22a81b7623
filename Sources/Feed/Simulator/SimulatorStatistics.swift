import MarketData

/// What the simulator has done so far.
public struct SimulatorStatistics: Sendable, Equatable {
    /// Data lines played (offered to clients), whether or not a client watched them.
    public var linesPlayed = 0
    /// Data lines queued to at least one client, per port.
    public var linesSent: [FeedPort: Int] = [:]
    /// Seqs of data lines dropped at the source by `drop` and `serverDisconnect` faults, in order.
    public var droppedSeqs: [Int64] = []
    /// Seqs of data lines garbled by `corrupt` faults, in order.
    public var corruptedSeqs: [Int64] = []
    /// Client connections accepted.
    public var connections = 0
    /// Faults applied, in order.
    public var faultsApplied: [AppliedFault] = []
    /// True once every line has been played.
    public var finished = false
}

/// A fault as it happened.
public struct AppliedFault: Sendable, Equatable {
    /// The fault.
    public var fault: FeedFault
    /// The seq it was due at; nil when injected by time.
    public var seq: Int64?
    /// When it was applied (``MonotonicClock`` nanoseconds).
    public var at: Int64
}
