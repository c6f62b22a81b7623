import MarketData

/// One recorded line, owned: a row of the `events` table copied into Swift values.
///
/// Streaming code reads `CaptureEventView` instead, which copies nothing; `CaptureEventView.event` makes one of
/// these when a value must outlive the callback.
public struct CaptureEvent: Sendable, Hashable {
    /// The line's position in the capture, from 1, increasing by one.
    public var seq: Int64
    /// When the line was received, in nanoseconds since `CaptureMetadata.clockAnchorUnixNs`.
    public var recvNs: Int64
    /// The feed port the line came from.
    public var port: FeedPort
    /// The symbol the line is about, if it is about one (`nil` for system and admin lines).
    public var symbol: String?
    /// The raw line as received, without CR LF.
    public var line: String

    /// Creates an event.
    public init(seq: Int64, recvNs: Int64, port: FeedPort, symbol: String?, line: String) {
        self.seq = seq
        self.recvNs = recvNs
        self.port = port
        self.symbol = symbol
        self.line = line
    }
}
