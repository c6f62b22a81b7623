import MarketData
import SystemSupport

/// One symbol's market while a synthetic capture is generated: a fair price on a bounded random walk, the book its
/// depth lines describe (a ladder of orders for market by price and by order, participants' quotes for market makers)
/// and its Level 1 state.
///
/// Each `step` is one market event, written as the lines it causes: an order added, cancelled, changed or traded
/// against, or a participant's new quote; then, if the top of the book changed, often a `Q` line with the new quote.
/// Trades always get a `Q` line. The book leans toward the fair price: when it is above the middle of the spread,
/// buyers add and trade more, and the other way round.
struct SyntheticSymbol {
    /// The tick: prices move on a 0.01 grid and are written with 4 decimals, as IQFeed writes equities.
    static func price(_ ticks: Int64) -> Price {
        Price(mantissa: ticks * 100, decimals: 4)
    }

    /// The precision field of depth lines: the decimals prices are written with.
    static let precision = 4

    /// The symbol.
    let symbol: String
    /// The symbol as UTF-8, for the capture's `symbol` column.
    let symbolBytes: [UInt8]
    /// How the depth is sent.
    let kind: SyntheticDepthKind
    /// Levels per side (ladders) or participants (market makers).
    let depthLevels: Int
    /// Where the fair price may go, in ticks: 10 % either side of the start.
    let fairRange: ClosedRange<Int64>
    /// The fair price in ticks.
    private(set) var fair: Int64
    /// The book of a market-by-price or market-by-order symbol.
    var ladder = SyntheticLadder()
    /// The book of a market-maker symbol.
    var makers: SyntheticMarketMakers
    /// The Level 1 state.
    var level1: SyntheticLevel1
    /// The next order id (market by order).
    var nextOrderID: UInt64
    /// The next queue priority.
    var nextPriority = 1

    /// The symbol at `index` of the configuration, starting at a random price from 20.00 to 400.00.
    init(symbol: String, index: Int, kind: SyntheticDepthKind, depthLevels: Int, random: inout SplitMix64) {
        self.symbol = symbol
        symbolBytes = Array(symbol.utf8)
        self.kind = kind
        self.depthLevels = depthLevels
        let start = Int64(random.number(in: 2_000...40_000))
        fairRange = (start - start / 10)...(start + start / 10)
        fair = start
        makers = SyntheticMarketMakers(count: depthLevels)
        level1 = SyntheticLevel1(close: start)
        nextOrderID = UInt64(index + 1) * 10_000_000_000
    }

    /// The top of the book.
    var top: SyntheticTop {
        kind == .marketMaker ? makers.top : ladder.top
    }

    /// A new book around the fair price, written as a snapshot (`7`, `6` or `Z` rows, bids then asks, best first),
    /// then a `Q` line with its quote: what IQFeed sends after a watch starts, and again after `S,CLEAR DEPTH`.
    mutating func writeSnapshot(_ random: inout SplitMix64, _ out: inout SyntheticEmitter) throws {
        if kind == .marketMaker {
            try writeMarketMakerSnapshot(&random, &out)
        } else {
            try writeLadderSnapshot(&random, &out)
        }
        try out.emit(level1.update(symbol: symbol, top: top, contents: "ba"), port: .level1, symbol: symbolBytes)
    }

    /// One market event.
    mutating func step(_ random: inout SplitMix64, _ out: inout SyntheticEmitter) throws {
        walkFair(&random)
        if kind == .marketMaker {
            try stepMarketMakers(&random, &out)
        } else {
            try stepLadder(&random, &out)
        }
    }

    /// `S,CLEAR DEPTH` for the bid side, then the ask side (as IQConnect sends after losing its link), then a new
    /// snapshot.
    mutating func clearAndRebuild(_ random: inout SplitMix64, _ out: inout SyntheticEmitter) throws {
        for side in [BookSide.bid, .ask] {
            try out.emit(.clearDepth(ClearDepth(symbol: symbol, side: side)), port: .level2, symbol: symbolBytes)
        }
        try writeSnapshot(&random, &out)
    }

    /// Writes a `Q` line half of the times the top of the book has changed since `before`.
    mutating func quoteIfChanged(
        since before: SyntheticTop,
        _ random: inout SplitMix64,
        _ out: inout SyntheticEmitter
    ) throws {
        let after = top
        guard after != before, random.chance(50) else { return }
        let flags = after.changeFlags(since: before)
        try out.emit(level1.update(symbol: symbol, top: after, contents: flags), port: .level1, symbol: symbolBytes)
    }

    /// Records a trade of `size` at `price` ticks and writes its `Q` line, with the quote after the trade.
    mutating func writeTrade(
        price: Int64,
        size: Int,
        before: SyntheticTop,
        _ random: inout SplitMix64,
        _ out: inout SyntheticEmitter
    ) throws {
        let after = top
        let flags = level1.trade(price: price, size: size, time: out.time, random: &random)
        let contents = flags.trade + after.changeFlags(since: before) + flags.extremes + "v"
        try out.emit(
            level1.update(symbol: symbol, top: after, contents: contents),
            port: .level1,
            symbol: symbolBytes,
            isTrade: true
        )
    }

    /// Which way the book leans: true (buyers) two times in three when the middle of the spread is below the fair
    /// price, one in three when above, even odds at it.
    func buyersLead(_ random: inout SplitMix64) -> Bool {
        switch top.midpoint(comparedTo: fair) {
        case ..<0: random.chance(67)
        case 1...: random.chance(33)
        default: random.chance(50)
        }
    }

    /// Moves the fair price a tick up or down one time in four, turning back at the ends of its range.
    private mutating func walkFair(_ random: inout SplitMix64) {
        guard random.chance(25) else { return }
        let step: Int64 = random.chance(50) ? 1 : -1
        fair = fairRange.contains(fair + step) ? fair + step : fair - step
    }
}
