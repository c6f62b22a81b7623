import MarketData

/// A stretch of time in which the recorder was disconnected from one feed port: a row of the `gaps` table.
///
/// Times are in the capture's `recv_ns` clock (nanoseconds since `CaptureMetadata.clockAnchorUnixNs`).
public struct CaptureGap: Sendable, Hashable {
    /// When the connection was lost.
    public var startNs: Int64
    /// When lines flowed again (or recording ended); not before `startNs`.
    public var endNs: Int64
    /// The feed port that was disconnected.
    public var port: FeedPort
    /// Why, in words: `connection reset by peer`, `reconnect after 3 s stall`.
    public var reason: String

    /// Creates a gap.
    public init(startNs: Int64, endNs: Int64, port: FeedPort, reason: String) {
        self.startNs = startNs
        self.endNs = endNs
        self.port = port
        self.reason = reason
    }
}
