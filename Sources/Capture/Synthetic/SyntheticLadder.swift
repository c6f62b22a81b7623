import MarketData

/// The resting orders of a market-by-price or market-by-order symbol, grouped in price levels, best first on each
/// side. The generator changes it one order at a time and writes each change as a line, so the lines always describe
/// this book.
///
/// Prices are whole ticks. The generator keeps every level non-empty and the best bid below the best ask.
struct SyntheticLadder {
    /// One resting order.
    struct Order {
        /// The exchange's order id.
        var id: UInt64
        /// Its size, above 0.
        var size: Int
        /// Its queue priority: lower was there first.
        var priority: Int
    }

    /// One price level: its orders in queue order.
    struct Level {
        /// The price in ticks.
        var price: Int64
        /// The orders, first in the queue first; never empty.
        var orders: [Order]

        /// The total size of the orders.
        var size: Int { orders.reduce(0) { $0 + $1.size } }
    }

    /// The location of an order: side, level index (0 is the best) and place in the level's queue.
    struct Place {
        /// The side.
        var side: BookSide
        /// The level, 0 for the best.
        var level: Int
        /// The place in the level's queue, 0 for the first.
        var order: Int
    }

    /// Bids, highest first.
    private(set) var bids: [Level] = []
    /// Asks, lowest first.
    private(set) var asks: [Level] = []

    /// The levels of `side`, best first.
    func levels(_ side: BookSide) -> [Level] {
        side == .bid ? bids : asks
    }

    /// How many levels `side` has.
    func count(_ side: BookSide) -> Int {
        side == .bid ? bids.count : asks.count
    }

    /// The best level of `side`.
    func best(_ side: BookSide) -> Level? {
        side == .bid ? bids.first : asks.first
    }

    /// The level of `side` at `price`, if there is one.
    func level(_ side: BookSide, price: Int64) -> Level? {
        let levels = levels(side)
        let (index, found) = Self.position(of: price, in: levels, side)
        return found ? levels[index] : nil
    }

    /// The price and number of orders of the level `index` places from the top of `side` (0 is the best), which
    /// must exist; both sides always have a level once the snapshot is made.
    func levelShape(_ side: BookSide, at index: Int) -> (price: Int64, orderCount: Int) {
        let level = side == .bid ? bids[index] : asks[index]
        return (level.price, level.orders.count)
    }

    /// The order at `place`.
    func order(at place: Place) -> Order {
        levels(place.side)[place.level].orders[place.order]
    }

    /// The best bid and ask with their sizes.
    var top: SyntheticTop {
        SyntheticTop(bid: bids.first.map { ($0.price, $0.size) }, ask: asks.first.map { ($0.price, $0.size) })
    }

    /// Puts `order` at the back of the queue at `price` on `side`, making the level if it is new.
    mutating func add(_ order: Order, _ side: BookSide, price: Int64) {
        withLevels(side) { levels in
            let (index, found) = Self.position(of: price, in: levels, side)
            if found {
                levels[index].orders.append(order)
            } else {
                levels.insert(Level(price: price, orders: [order]), at: index)
            }
        }
    }

    /// Takes the order at `place` out of the book and returns it; an emptied level goes too.
    @discardableResult
    mutating func remove(at place: Place) -> Order {
        withLevels(place.side) { levels in
            let order = levels[place.level].orders.remove(at: place.order)
            if levels[place.level].orders.isEmpty { levels.remove(at: place.level) }
            return order
        }
    }

    /// Sets the size of the order at `place`, in place in the queue.
    mutating func setSize(_ size: Int, at place: Place) {
        withLevels(place.side) { $0[place.level].orders[place.order].size = size }
    }

    /// Empties both sides.
    mutating func clear() {
        bids.removeAll(keepingCapacity: true)
        asks.removeAll(keepingCapacity: true)
    }

    private mutating func withLevels<Result>(_ side: BookSide, _ body: (inout [Level]) -> Result) -> Result {
        side == .bid ? body(&bids) : body(&asks)
    }

    /// Where `price` is among `levels` (best first for `side`), or where it would go. Books are a few levels deep, so
    /// a linear scan is fastest.
    private static func position(of price: Int64, in levels: [Level], _ side: BookSide) -> (index: Int, found: Bool) {
        for (index, level) in levels.enumerated() {
            if level.price == price { return (index, true) }
            if side == .bid ? level.price < price : level.price > price { return (index, false) }
        }
        return (levels.count, false)
    }
}
