import MarketData

/// Where the live client hands what it receives: every line, and every change of a connection.
///
/// Both methods are called from the client's reader threads, one per port, so an implementation must be safe to
/// call from two threads at once (the recorder serialises them with a lock, which also fixes the order of lines
/// across ports).
public protocol FeedLineSink: Sendable {
    /// Lines that arrived in one receive on `port`, in order. `lines` views the reader's buffer: use it before
    /// returning.
    func receive(_ lines: FeedLines, from port: FeedPort)

    /// A connection event on a port.
    func handle(_ event: FeedConnectionEvent)
}

/// Something that happened to one of the client's connections.
public enum FeedConnectionEvent: Sendable, Equatable {
    /// Connected (or reconnected) and sent the handshake and watches. `attempt` counts connections on that port,
    /// from 1.
    case connected(port: FeedPort, attempt: Int)
    /// A connection was lost; the client is reconnecting with backoff.
    case disconnected(port: FeedPort, reason: String)
    /// An outage is over: no data could arrive on `port` from `startNanoseconds` to `endNanoseconds`
    /// (``MonotonicClock`` time). Also raised for IQConnect's own upstream outage (`S,SERVER DISCONNECTED` until
    /// `S,SERVER CONNECTED`).
    case gap(port: FeedPort, startNanoseconds: Int64, endNanoseconds: Int64, reason: String)
    /// IQFeed does not know a watched symbol (it answered `n,SYM`).
    case unknownSymbol(port: FeedPort, symbol: String)
    /// IQFeed said something else the user should hear about: an `E,...` error line, `S,SYMBOL LIMIT REACHED`.
    /// The lines themselves also go to ``FeedLineSink/receive(_:from:)``.
    case warning(port: FeedPort, message: String)
    /// IQFeed acknowledged a Level 1 field list (`S,CURRENT UPDATE FIELDNAMES`).
    case fieldsAcknowledged([String])
    /// The client gave up: the feed cannot be reached at all, the port is not IQConnect's, or the protocol was
    /// refused. Open outages are reported as gaps before this; nothing more comes after it.
    case failed(IQFeedClientError)
}
