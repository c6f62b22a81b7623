/// What a synthetic capture holds.
public struct SyntheticCaptureSummary: Sendable, Equatable {
    /// Events written: exactly the configuration's `events`.
    public var events = 0
    /// Level 1 (port 5009) events: `Q` lines and `T` heartbeats.
    public var level1Events = 0
    /// Level 2 (port 9200) events: depth lines, `S,CLEAR DEPTH` and `T` heartbeats.
    public var level2Events = 0
    /// `Q` lines that report a trade.
    public var trades = 0
    /// `S,CLEAR DEPTH` lines (two per clear: bid side, then ask side).
    public var clearDepthLines = 0
    /// `T` heartbeat lines (one per port for every second of market time with events).
    public var timestampLines = 0
    /// `recv_ns` of the last event: the capture's span.
    public var spanNanoseconds: Int64 = 0

    /// An empty summary.
    public init() {}
}
