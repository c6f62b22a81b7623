import MarketData
import SystemSupport

/// Market-maker symbols: participants' two-sided quotes, written as `Z` and `2` rows.
extension SyntheticSymbol {
    /// New quotes for every participant, 1 to 4 ticks either side of the fair price, written as `Z` rows.
    mutating func writeMarketMakerSnapshot(_ random: inout SplitMix64, _ out: inout SyntheticEmitter) throws {
        for index in makers.quotes.indices {
            makers.quotes[index].bid = fair - 1 - Int64(random.towardTop(4))
            makers.quotes[index].bidSize = random.lotSize()
            makers.quotes[index].ask = fair + 1 + Int64(random.towardTop(4))
            makers.quotes[index].askSize = random.lotSize()
        }
        for index in makers.quotes.indices {
            try writeQuote(of: index, snapshot: true, endOfGroup: index == makers.quotes.count - 1, &out)
        }
    }

    /// One event: a trade with the best participant (20 %), or a random participant's new quote: new prices half
    /// the time, otherwise a new size on one side. Each is one `2` row; a trade also gets its `Q` line.
    mutating func stepMarketMakers(_ random: inout SplitMix64, _ out: inout SyntheticEmitter) throws {
        let before = top
        if random.chance(20) {
            try tradeWithMaker(before: before, &random, &out)
            return
        }
        let index = random.below(makers.quotes.count)
        if random.chance(50) {
            requote(index, &random)
        } else if random.chance(50) {
            makers.quotes[index].bidSize = random.lotSize()
        } else {
            makers.quotes[index].askSize = random.lotSize()
        }
        try writeQuote(of: index, &out)
        try quoteIfChanged(since: before, &random, &out)
    }

    /// New prices for participant `index`, 1 to 5 ticks either side of the fair price but never at or through
    /// another participant's quote on the other side, so every bid stays below every ask.
    private mutating func requote(_ index: Int, _ random: inout SplitMix64) {
        var bid = fair - 1 - Int64(random.towardTop(5))
        var ask = fair + 1 + Int64(random.towardTop(5))
        if let lowestAsk = makers.lowestAsk(excluding: index) { bid = min(bid, lowestAsk - 1) }
        if let highestBid = makers.highestBid(excluding: index) { ask = max(ask, highestBid + 1) }
        makers.quotes[index].bid = bid
        makers.quotes[index].bidSize = random.lotSize()
        makers.quotes[index].ask = ask
        makers.quotes[index].askSize = random.lotSize()
    }

    /// A buyer takes from the lowest ask (or a seller from the highest bid), first participant first. A quote filled
    /// completely moves 1 or 2 ticks away with a new size, which keeps the book uncrossed.
    private mutating func tradeWithMaker(
        before: SyntheticTop,
        _ random: inout SplitMix64,
        _ out: inout SyntheticEmitter
    ) throws {
        let buy = buyersLead(&random)
        let index = buy ? makers.lowestAskIndex : makers.highestBidIndex
        let quote = makers.quotes[index]
        let price = buy ? quote.ask : quote.bid
        let available = buy ? quote.askSize : quote.bidSize
        let size = min(available, random.lotSize())
        let step = 1 + Int64(random.below(2))
        let refill = random.lotSize()
        if buy {
            makers.quotes[index].ask += size == available ? step : 0
            makers.quotes[index].askSize = size == available ? refill : available - size
        } else {
            makers.quotes[index].bid = size == available ? max(1, price - step) : price
            makers.quotes[index].bidSize = size == available ? refill : available - size
        }
        try writeQuote(of: index, &out)
        try writeTrade(price: price, size: size, before: before, &random, &out)
    }
}
