/// A legacy Level 2 book for one symbol (`Z`/`2` rows): each market participant's quote, and the price levels they
/// add up to.
///
/// Each row replaces the whole quote of its participant (IQFEED.md §4, legacy); a side whose valid flag is `F`, or
/// with no price or size, is not in the book. `S,CLEAR DEPTH` drops a side.
public struct MarketMakerBook: Sendable, Hashable {
    /// One side of a participant's quote.
    public struct Quote: Sendable, Hashable {
        /// Its price.
        public var price: Price
        /// Its size, above 0.
        public var size: Int
    }

    private var bids: [String: Quote] = [:]
    private var asks: [String: Quote] = [:]
    /// The price levels: per level the summed size of the quotes and how many participants quote it.
    public private(set) var levels = PriceLevelBook()

    /// An empty book.
    public init() {}

    /// Participant `marketMaker`'s quote on `side`, if it is in the book.
    public func quote(_ side: BookSide, marketMaker: String) -> Quote? {
        side == .bid ? bids[marketMaker] : asks[marketMaker]
    }

    /// Applies a `Z` or `2` row: the participant's quote is replaced on both sides.
    public mutating func apply(_ row: MarketMakerQuote) {
        replace(.bid, row.marketMaker, with: Self.quote(row.bid, row.bidSize, valid: row.bidValid))
        replace(.ask, row.marketMaker, with: Self.quote(row.ask, row.askSize, valid: row.askValid))
    }

    /// Applies `S,CLEAR DEPTH`: every quote on the side goes.
    public mutating func apply(_ clearDepth: ClearDepth) {
        if clearDepth.side == .bid { bids = [:] } else { asks = [:] }
        levels.clear(clearDepth.side)
    }

    /// Applies `message` if it is a `Z`/`2` row or `S,CLEAR DEPTH`; returns whether it was one.
    @discardableResult
    public mutating func apply(_ message: FeedMessage) -> Bool {
        switch message {
        case .marketMaker(let row): apply(row)
        case .clearDepth(let clearDepth): apply(clearDepth)
        default: return false
        }
        return true
    }

    private static func quote(_ price: Price?, _ size: Int?, valid: Bool?) -> Quote? {
        guard valid != false, let price, let size, size > 0 else { return nil }
        return Quote(price: price, size: size)
    }

    private mutating func replace(_ side: BookSide, _ marketMaker: String, with quote: Quote?) {
        let old: Quote?
        if side == .bid {
            old = bids[marketMaker]
            bids[marketMaker] = quote
        } else {
            old = asks[marketMaker]
            asks[marketMaker] = quote
        }
        if let old { adjust(side, old, by: -1) }
        if let quote { adjust(side, quote, by: 1) }
    }

    /// Adds (`sign` 1) or takes away (`sign` -1) a quote's share of its level.
    private mutating func adjust(_ side: BookSide, _ quote: Quote, by sign: Int) {
        levels.adjust(side, price: quote.price, size: sign * quote.size, orders: sign)
    }
}
