import MarketData
import SystemSupport

/// Market-by-price and market-by-order symbols: the same ladder of orders, written as level lines (`7`/`8`/`9`) or as
/// order lines (`6`/`3`/`4`/`5`).
extension SyntheticSymbol {
    /// Makes a new ladder around the fair price, `depthLevels` levels a side of 1 to 4 orders each, mostly a tick
    /// apart, and writes it as `7` or `6` rows.
    mutating func writeLadderSnapshot(_ random: inout SplitMix64, _ out: inout SyntheticEmitter) throws {
        ladder.clear()
        let bestBid = fair - Int64(random.below(2))
        let bestAsk = bestBid + 1 + Int64(random.below(3))
        for (side, best) in [(BookSide.bid, bestBid), (.ask, bestAsk)] {
            var price = best
            for _ in 0..<depthLevels where price > 0 {
                for _ in 0..<random.number(in: 1...4) {
                    ladder.add(makeOrder(size: random.lotSize()), side, price: price)
                }
                price -= Self.inward(side) * (random.chance(80) ? 1 : 2)
            }
            for level in ladder.levels(side) {
                guard kind == .marketByOrder else {
                    try writeLevel(side, price: level.price, snapshot: true, &out)
                    continue
                }
                for order in level.orders { try writeOrder(.summary, order, side, price: level.price, &out) }
            }
        }
    }

    /// One event on the ladder: a trade (15 %), a new order (40 %), a cancel (25 %) or a changed order (20 %).
    mutating func stepLadder(_ random: inout SplitMix64, _ out: inout SyntheticEmitter) throws {
        let before = top
        let traded: Bool
        switch random.below(100) {
        case ..<15:
            traded = try trade(before: before, &random, &out)
        case ..<55:
            try addOrder(&random, &out)
            traded = false
        case ..<80:
            try cancelOrder(&random, &out)
            traded = false
        default:
            try changeOrder(&random, &out)
            traded = false
        }
        if !traded { try quoteIfChanged(since: before, &random, &out) }
    }

    /// A new order on the side that leads, at a price from `entryPrice`: `3`, or `8` for its level.
    private mutating func addOrder(_ random: inout SplitMix64, _ out: inout SyntheticEmitter) throws {
        let side: BookSide = buyersLead(&random) ? .bid : .ask
        let price = entryPrice(side, &random)
        let order = makeOrder(size: random.lotSize())
        ladder.add(order, side, price: price)
        try writeChange(.add, order, side, price: price, &out)
    }

    /// A cancelled order, near the top of a random side (from the back level when the side is deeper than
    /// `depthLevels`): `5`, or `8`/`9` for its level. A side's last order is never cancelled; an order is added
    /// instead.
    private mutating func cancelOrder(_ random: inout SplitMix64, _ out: inout SyntheticEmitter) throws {
        let side = random.side()
        let levelCount = ladder.count(side)
        let index = levelCount > depthLevels ? levelCount - 1 : random.towardTop(levelCount)
        let (price, orderCount) = ladder.levelShape(side, at: index)
        guard levelCount > 1 || orderCount > 1 else {
            try addOrder(&random, &out)
            return
        }
        let order = ladder.remove(at: SyntheticLadder.Place(side: side, level: index, order: random.below(orderCount)))
        if kind == .marketByOrder {
            try writeOrderDelete(order, side, &out)
        } else {
            try writeLevel(side, price: price, &out)
        }
    }

    /// A changed order near the top of a random side, as a `4` line (or `8` for its level): by order, one change in
    /// four moves it to another price; otherwise its size changes, and a bigger order goes to the back of the queue.
    private mutating func changeOrder(_ random: inout SplitMix64, _ out: inout SyntheticEmitter) throws {
        let side = random.side()
        let index = random.towardTop(ladder.count(side))
        let (price, orderCount) = ladder.levelShape(side, at: index)
        let place = SyntheticLadder.Place(side: side, level: index, order: random.below(orderCount))
        let old = ladder.order(at: place)
        if kind == .marketByOrder, random.chance(25) {
            let newPrice = entryPrice(side, &random)
            if newPrice != price {
                ladder.remove(at: place)
                let moved = makeOrder(id: old.id, size: random.chance(50) ? old.size : random.lotSize())
                ladder.add(moved, side, price: newPrice)
                try writeOrder(.update, moved, side, price: newPrice, &out)
                return
            }
        }
        var size = random.chance(60) ? 1 + random.below(old.size) : random.lotSize()
        if size == old.size { size += 100 }
        let changed: SyntheticLadder.Order
        if size > old.size {
            ladder.remove(at: place)
            changed = makeOrder(id: old.id, size: size)
            ladder.add(changed, side, price: price)
        } else {
            ladder.setSize(size, at: place)
            changed = ladder.order(at: place)
        }
        try writeChange(.update, changed, side, price: price, &out)
    }

    /// A trade against the first order at the best level of the side the leading aggressor takes from (buyers take
    /// asks): a `4` or `5` line (`8` or `9` for the level), then the trade's `Q` line. The side's last order is never
    /// filled completely; if it has size 1, an order is added instead and this returns false.
    private mutating func trade(
        before: SyntheticTop,
        _ random: inout SplitMix64,
        _ out: inout SyntheticEmitter
    ) throws -> Bool {
        let side: BookSide = buyersLead(&random) ? .ask : .bid
        let place = SyntheticLadder.Place(side: side, level: 0, order: 0)
        let (price, orderCount) = ladder.levelShape(side, at: 0)
        let order = ladder.order(at: place)
        var size = min(order.size, random.lotSize())
        if size == order.size, ladder.count(side) == 1, orderCount == 1 {
            size -= 1
            guard size > 0 else {
                try addOrder(&random, &out)
                return false
            }
        }
        if size == order.size {
            ladder.remove(at: place)
            if kind == .marketByOrder { try writeOrderDelete(order, side, &out) }
        } else {
            ladder.setSize(order.size - size, at: place)
            if kind == .marketByOrder { try writeOrder(.update, ladder.order(at: place), side, price: price, &out) }
        }
        if kind == .marketByPrice { try writeLevel(side, price: price, &out) }
        try writeTrade(price: price, size: size, before: before, &random, &out)
        return true
    }

    /// A price on `side` for a new or moved order: one tick inside the spread a quarter of the time when the spread
    /// is wider than a tick (a new best level), otherwise near the top: an existing level when the side already has
    /// `depthLevels`, else up to `depthLevels` ticks behind the best. Never at or through the other side's best.
    private func entryPrice(_ side: BookSide, _ random: inout SplitMix64) -> Int64 {
        let levelCount = ladder.count(side)
        let best = ladder.levelShape(side, at: 0).price
        let other = ladder.levelShape(side == .bid ? .ask : .bid, at: 0).price
        if levelCount <= depthLevels, random.chance(25), abs(other - best) > 1 {
            return best + Self.inward(side)
        }
        if levelCount >= depthLevels {
            return ladder.levelShape(side, at: random.towardTop(levelCount)).price
        }
        let price = best - Self.inward(side) * Int64(random.towardTop(depthLevels))
        return price > 0 ? price : best
    }

    /// The line for an added or changed order: `3`/`4` by order, `8` for its level by price.
    private func writeChange(
        _ kind: OrderMessage.Kind,
        _ order: SyntheticLadder.Order,
        _ side: BookSide,
        price: Int64,
        _ out: inout SyntheticEmitter
    ) throws {
        if self.kind == .marketByOrder {
            try writeOrder(kind, order, side, price: price, &out)
        } else {
            try writeLevel(side, price: price, &out)
        }
    }

    /// An order with a new queue priority: a new order id unless `id` is given (an order that moved or grew).
    private mutating func makeOrder(id: UInt64? = nil, size: Int) -> SyntheticLadder.Order {
        let order = SyntheticLadder.Order(id: id ?? nextOrderID, size: size, priority: nextPriority)
        if id == nil { nextOrderID += 1 }
        nextPriority += 1
        return order
    }

    /// One tick toward the spread from `side`: up for bids, down for asks.
    private static func inward(_ side: BookSide) -> Int64 {
        side == .bid ? 1 : -1
    }
}
