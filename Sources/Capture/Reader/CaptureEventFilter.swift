/// Which events `CaptureReader.forEachEvent(filter:_:)` hands out. The default passes every event.
///
/// All conditions apply together. Events always come in `seq` order.
public struct CaptureEventFilter: Sendable, Hashable {
    /// Only events about these symbols; `nil` (the default) for all events.
    public var symbols: Set<String>?
    /// With `symbols` set: whether events about no symbol (system lines such as `S,SERVER CONNECTED` or `T,...`
    /// timestamps) pass too. Default `false`.
    public var includesEventsWithoutSymbol: Bool
    /// Only events received in this `recv_ns` range; `nil` (the default) for any time.
    public var recvNs: Range<Int64>?
    /// Only events after this `seq`, to resume where an earlier pass stopped; default 0, from the start.
    public var afterSeq: Int64
    /// At most this many events; `nil` (the default) for no limit.
    public var limit: Int?

    /// Creates a filter; every argument defaults to "no condition".
    public init(
        symbols: Set<String>? = nil,
        includesEventsWithoutSymbol: Bool = false,
        recvNs: Range<Int64>? = nil,
        afterSeq: Int64 = 0,
        limit: Int? = nil
    ) {
        self.symbols = symbols
        self.includesEventsWithoutSymbol = includesEventsWithoutSymbol
        self.recvNs = recvNs
        self.afterSeq = afterSeq
        self.limit = limit
    }
}
