/// Where a replay is, for the progress line.
public struct ReplayProgress: Sendable {
    /// What the run is doing.
    public enum Phase: String, Sendable {
        case starting, replaying, draining, stopping, auditing
    }

    public var phase: Phase
    public var captureEvents: Int64
    public var published: Int64
    public var acked: Int64
    public var stored: Int64
    public var lag: Int64
    public var elapsedNs: Int64
}
