/// The quotes of a legacy market-maker symbol (`Z`/`2` rows): each participant's bid and ask. The generator keeps
/// every quote two-sided with positive sizes, and every bid below every ask, so the book they add up to is never
/// crossed.
struct SyntheticMarketMakers {
    /// Participant ids, as Nasdaq's Level 2 names them.
    static let names = [
        "NSDQ", "ARCX", "EDGX", "BATS", "IEXG", "MEMX", "AMEX", "CHXE", "BATY", "EDGA", "NYSE", "PHLX", "LTSE", "MIAX",
        "EPRL", "CBSX",
    ]

    /// One participant's quote; prices in ticks.
    struct Quote {
        /// The participant id.
        let name: String
        /// The bid price.
        var bid: Int64
        /// The bid size, above 0.
        var bidSize: Int
        /// The ask price, above every bid.
        var ask: Int64
        /// The ask size, above 0.
        var askSize: Int
    }

    /// The quotes, one per participant, in a fixed order.
    var quotes: [Quote]

    /// `count` participants (2 to 16) with no quotes yet.
    init(count: Int) {
        quotes = Self.names.prefix(min(max(count, 2), Self.names.count)).map {
            Quote(name: $0, bid: 0, bidSize: 0, ask: 0, askSize: 0)
        }
    }

    /// The highest bid of every participant but `excluded`.
    func highestBid(excluding excluded: Int? = nil) -> Int64? {
        var highest: Int64?
        for (index, quote) in quotes.enumerated() where index != excluded && quote.bid > highest ?? .min {
            highest = quote.bid
        }
        return highest
    }

    /// The lowest ask of every participant but `excluded`.
    func lowestAsk(excluding excluded: Int? = nil) -> Int64? {
        var lowest: Int64?
        for (index, quote) in quotes.enumerated() where index != excluded && quote.ask < lowest ?? .max {
            lowest = quote.ask
        }
        return lowest
    }

    /// The first participant with the highest bid.
    var highestBidIndex: Int {
        var best = 0
        for index in quotes.indices where quotes[index].bid > quotes[best].bid { best = index }
        return best
    }

    /// The first participant with the lowest ask.
    var lowestAskIndex: Int {
        var best = 0
        for index in quotes.indices where quotes[index].ask < quotes[best].ask { best = index }
        return best
    }

    /// The best bid and ask with the total size of the participants quoting each.
    var top: SyntheticTop {
        guard let bid = highestBid(), let ask = lowestAsk() else { return SyntheticTop(bid: nil, ask: nil) }
        let bidSize = quotes.reduce(0) { $0 + ($1.bid == bid ? $1.bidSize : 0) }
        let askSize = quotes.reduce(0) { $0 + ($1.ask == ask ? $1.askSize : 0) }
        return SyntheticTop(bid: (bid, bidSize), ask: (ask, askSize))
    }
}
