/// One IQFeed line, parsed: every message of the Level 1, Level 2, lookup and admin ports, or a ``BadLine``.
///
/// ``FeedParser`` makes them from lines; ``encodedLine`` and ``encode(into:)`` write them back. For every line the
/// parser accepts, encoding gives back the same text (without the `\r\n`), except that a side written `S` comes back
/// as `A`.
public enum FeedMessage: Sendable, Hashable {
    /// Level 1 `Q` (update) or `P` (summary).
    case level1(Level1Update)
    /// Level 1 `F`: fundamentals.
    case fundamental(FundamentalMessage)
    /// Level 1 `R`: a regional quote.
    case regional(RegionalQuote)
    /// Level 1 `C`: a trade correction.
    case tradeCorrection(TradeCorrection)
    /// Level 1 `N`: a news headline.
    case news(NewsHeadline)
    /// Level 2 `6`, `3`, `4`, `0`: a market-by-order row.
    case order(OrderMessage)
    /// Level 2 `5`: an order removal.
    case orderDelete(OrderDelete)
    /// Level 2 `7`, `8`: a market-by-price level.
    case priceLevel(PriceLevelUpdate)
    /// Level 2 `9`: a price level removal.
    case priceLevelDelete(PriceLevelDelete)
    /// Level 2 `Z`, `2`: a legacy market-maker row.
    case marketMaker(MarketMakerQuote)
    /// Level 2 `S,CLEAR DEPTH`: drop one side of a book.
    case clearDepth(ClearDepth)
    /// Level 2 `q`: no depth for a symbol.
    case noDepth(NoDepth)
    /// Level 2 `M`: a market maker's name.
    case marketMakerName(MarketMakerName)
    /// Level 2 `O`: deprecated, kept as written.
    case deprecated(RawMessage)
    /// Lookup `LH`, `LS`, `LC`, `LM`: a data row.
    case lookupData(LookupData)
    /// Lookup `!ENDMSG!`: the end of a reply.
    case lookupEnd(LookupEnd)
    /// `T`: IQConnect's clock.
    case timestamp(TimestampMessage)
    /// `n`: an unknown symbol.
    case symbolNotFound(SymbolNotFound)
    /// `S`: any other system line.
    case system(SystemMessage)
    /// `E`: an error.
    case error(ErrorMessage)
    /// A line that could not be read.
    case bad(BadLine)

    /// The symbol the message is about; `nil` for messages about no symbol (`T`, `E`, most `S`, lookup, news, bad).
    ///
    /// `S,SYMBOL LIMIT REACHED,SYM` gives `SYM`, as ``FeedLine/symbol(of:port:)`` does.
    public var symbol: String? {
        switch self {
        case .level1(let message): message.symbol
        case .fundamental(let message): message.symbol
        case .regional(let message): message.symbol
        case .tradeCorrection(let message): message.symbol
        case .order(let message): message.symbol
        case .orderDelete(let message): message.symbol
        case .priceLevel(let message): message.symbol
        case .priceLevelDelete(let message): message.symbol
        case .marketMaker(let message): message.symbol
        case .clearDepth(let message): message.symbol
        case .noDepth(let message): message.symbol
        case .symbolNotFound(let message): message.symbol
        case .system(let message) where message.name == SystemMessage.symbolLimitReached:
            message.values.value(at: 0).flatMap { $0.isEmpty ? nil : String($0) }
        case .news, .marketMakerName, .deprecated, .lookupData, .lookupEnd, .timestamp, .system, .error, .bad: nil
        }
    }

    /// Whether this is a ``BadLine``.
    public var isBad: Bool {
        if case .bad = self { true } else { false }
    }

    /// Appends the line, without `\r\n`, to `bytes`. A bad line appends the bytes it was read from.
    public func encode(into bytes: inout [UInt8]) {
        switch self {
        case .level1(let message): message.write(to: &bytes)
        case .fundamental(let message): message.write(to: &bytes)
        case .regional(let message): message.write(to: &bytes)
        case .tradeCorrection(let message): message.write(to: &bytes)
        case .news(let message): message.write(to: &bytes)
        case .order(let message): message.write(to: &bytes)
        case .orderDelete(let message): message.write(to: &bytes)
        case .priceLevel(let message): message.write(to: &bytes)
        case .priceLevelDelete(let message): message.write(to: &bytes)
        case .marketMaker(let message): message.write(to: &bytes)
        case .clearDepth(let message): message.write(to: &bytes)
        case .noDepth(let message): message.write(to: &bytes)
        case .marketMakerName(let message): message.write(to: &bytes)
        case .deprecated(let message): message.write(to: &bytes)
        case .lookupData(let message): message.write(to: &bytes)
        case .lookupEnd(let message): message.write(to: &bytes)
        case .timestamp(let message): message.write(to: &bytes)
        case .symbolNotFound(let message): message.write(to: &bytes)
        case .system(let message): message.write(to: &bytes)
        case .error(let message): message.write(to: &bytes)
        case .bad(let line): bytes.append(contentsOf: line.bytes)
        }
    }

    /// The line as text, without `\r\n`.
    public var encodedLine: String {
        var bytes = [UInt8]()
        bytes.reserveCapacity(128)
        encode(into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}
