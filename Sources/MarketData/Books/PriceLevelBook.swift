/// One symbol's market-by-price book, built from Level 2 `7`/`8` (set a level), `9` (remove a level) and
/// `S,CLEAR DEPTH` (drop a side).
///
/// Each side is a sorted array with the best level last, so changes near the top of the book, the most frequent,
/// move few elements; lookups are binary searches on exact ``Price`` values. Route messages by symbol before
/// applying them: the book does not check the symbol.
public struct PriceLevelBook: Sendable, Hashable {
    /// One price level: its price, total size and order count.
    public struct Level: Sendable, Hashable {
        /// The level's price.
        public var price: Price
        /// The total size at the price.
        public var size: Int
        /// How many orders make up the level; `nil` if the feed did not say.
        public var orderCount: Int?

        /// A level.
        public init(price: Price, size: Int, orderCount: Int? = nil) {
            self.price = price
            self.size = size
            self.orderCount = orderCount
        }
    }

    /// Bids in ascending price order: the best (highest) is last.
    private var bids: [Level] = []
    /// Asks in descending price order: the best (lowest) is last.
    private var asks: [Level] = []

    /// An empty book.
    public init() {}

    /// Whether both sides are empty.
    public var isEmpty: Bool { bids.isEmpty && asks.isEmpty }

    /// The highest bid, or `nil` if there are no bids.
    public var bestBid: Level? { bids.last }

    /// The lowest ask, or `nil` if there are no asks.
    public var bestAsk: Level? { asks.last }

    /// The best level of `side`.
    public func best(_ side: BookSide) -> Level? {
        side == .bid ? bids.last : asks.last
    }

    /// How many levels `side` has.
    public func levelCount(_ side: BookSide) -> Int {
        side == .bid ? bids.count : asks.count
    }

    /// The level `depth` places from the top of `side` (0 is the best), or `nil` if the side is not that deep.
    public func level(_ side: BookSide, depth: Int) -> Level? {
        let levels = side == .bid ? bids : asks
        guard depth >= 0 && depth < levels.count else { return nil }
        return levels[levels.count - 1 - depth]
    }

    /// The best `limit` levels of `side`, best first: bids descending, asks ascending.
    public func levels(_ side: BookSide, limit: Int = .max) -> [Level] {
        let levels = side == .bid ? bids : asks
        return Array(levels.suffix(max(0, limit)).reversed())
    }

    /// The total size of the best `limit` levels of `side`, without building them.
    public func size(_ side: BookSide, topLevels limit: Int) -> Int {
        let levels = side == .bid ? bids : asks
        return levels.suffix(max(0, limit)).reduce(0) { $0 + $1.size }
    }

    /// The level at `price` on `side`, or `nil` if there is none.
    public func level(_ side: BookSide, price: Price) -> Level? {
        let levels = side == .bid ? bids : asks
        let (index, found) = Self.search(levels, price, side)
        return found ? levels[index] : nil
    }

    /// Sets the level `(side, price)` to `size` and `orderCount`, inserting it if new. A size of 0 or less removes
    /// the level: a level with nothing at it is not a level.
    public mutating func set(_ side: BookSide, price: Price, size: Int, orderCount: Int? = nil) {
        guard size > 0 else {
            remove(side, price: price)
            return
        }
        let level = Level(price: price, size: size, orderCount: orderCount)
        switch side {
        case .bid: Self.set(&bids, level, side)
        case .ask: Self.set(&asks, level, side)
        }
    }

    /// Adds `size` and `orders` (either may be negative) to the level `(side, price)`, creating it if new; a level left
    /// with no size is removed. Books that sum orders or quotes into levels keep them with this.
    public mutating func adjust(_ side: BookSide, price: Price, size: Int, orders: Int) {
        let level = level(side, price: price)
        set(side, price: price, size: (level?.size ?? 0) + size, orderCount: (level?.orderCount ?? 0) + orders)
    }

    /// Removes the level `(side, price)`; returns whether there was one.
    @discardableResult
    public mutating func remove(_ side: BookSide, price: Price) -> Bool {
        switch side {
        case .bid: Self.remove(&bids, price, side)
        case .ask: Self.remove(&asks, price, side)
        }
    }

    /// Drops every level of `side`.
    public mutating func clear(_ side: BookSide) {
        switch side {
        case .bid: bids.removeAll(keepingCapacity: true)
        case .ask: asks.removeAll(keepingCapacity: true)
        }
    }

    /// Applies a `7` or `8` line: the level becomes exactly the line's size and order count.
    public mutating func apply(_ update: PriceLevelUpdate) {
        set(update.side, price: update.price, size: update.size, orderCount: update.orderCount)
    }

    /// Applies a `9` line: the level is removed.
    public mutating func apply(_ delete: PriceLevelDelete) {
        remove(delete.side, price: delete.price)
    }

    /// Applies `S,CLEAR DEPTH`: the side is emptied.
    public mutating func apply(_ clearDepth: ClearDepth) {
        clear(clearDepth.side)
    }

    /// Applies `message` if it is a `7`, `8`, `9` or `S,CLEAR DEPTH`; returns whether it was one.
    @discardableResult
    public mutating func apply(_ message: FeedMessage) -> Bool {
        switch message {
        case .priceLevel(let update): apply(update)
        case .priceLevelDelete(let delete): apply(delete)
        case .clearDepth(let clearDepth): apply(clearDepth)
        default: return false
        }
        return true
    }

    private static func set(_ levels: inout [Level], _ level: Level, _ side: BookSide) {
        let (index, found) = search(levels, level.price, side)
        if found {
            levels[index] = level
        } else {
            levels.insert(level, at: index)
        }
    }

    private static func remove(_ levels: inout [Level], _ price: Price, _ side: BookSide) -> Bool {
        let (index, found) = search(levels, price, side)
        if found { levels.remove(at: index) }
        return found
    }

    /// Where `price` is in `levels` (sorted worst to best for `side`), or where it would be inserted.
    private static func search(_ levels: [Level], _ price: Price, _ side: BookSide) -> (index: Int, found: Bool) {
        // Rank levels so that worse prices come first on both sides: bids ascending, asks descending.
        let key = side == .bid ? price.units : -price.units
        var low = 0
        var high = levels.count
        while low < high {
            let middle = (low + high) / 2
            let rank = side == .bid ? levels[middle].price.units : -levels[middle].price.units
            if rank < key {
                low = middle + 1
            } else if rank > key {
                high = middle
            } else {
                return (middle, true)
            }
        }
        return (low, false)
    }
}
