/// A market-by-order book for one symbol (`WOR`): every order by its key, and the price levels they add up to.
///
/// `6`, `3`, `4` and `0` lines set an order to its absolute size and price (an update may move it to another level;
/// size 0 removes it), `5` removes it, `S,CLEAR DEPTH` drops a side (IQFEED.md §4, "Book maintenance"). Futures key
/// orders by order id; Nasdaq equities send no id, and their rows are keyed by market participant and side.
public struct MarketByOrderBook: Sendable, Hashable {
    /// One resting order.
    public struct Order: Sendable, Hashable {
        /// Bid or ask.
        public var side: BookSide
        /// Its price.
        public var price: Price
        /// Its size, above 0.
        public var size: Int

        /// An order of `size` at `price` on `side`.
        public init(side: BookSide, price: Price, size: Int) {
            self.side = side
            self.price = price
            self.size = size
        }
    }

    /// What identifies an order: the exchange's id, or for rows without one the participant and side.
    enum Key: Hashable {
        case id(UInt64)
        case marketMaker(String, BookSide)

        init?(orderID: UInt64?, marketMaker: String, side: BookSide) {
            if let orderID {
                self = .id(orderID)
            } else if !marketMaker.isEmpty {
                self = .marketMaker(marketMaker, side)
            } else {
                return nil
            }
        }
    }

    private var orders: [Key: Order] = [:]
    /// The price levels: per level the summed size of its orders and how many there are.
    public private(set) var levels = PriceLevelBook()

    /// An empty book.
    public init() {}

    /// Orders in the book.
    public var orderCount: Int { orders.count }

    /// The order with exchange id `id`, if it rests in the book.
    public func order(id: UInt64) -> Order? {
        orders[.id(id)]
    }

    /// The row of participant `marketMaker` on `side` (Nasdaq equities, which send no order id), if there is one.
    public func order(marketMaker: String, side: BookSide) -> Order? {
        orders[.marketMaker(marketMaker, side)]
    }

    /// Applies `6`, `3`, `4` or `0`: the order now has exactly this side, price and size (0 removes it). Returns false
    /// for a row with neither an order id nor a participant, which cannot be keyed.
    @discardableResult
    public mutating func apply(_ message: OrderMessage) -> Bool {
        guard let key = Key(orderID: message.orderID, marketMaker: message.marketMaker, side: message.side) else {
            return false
        }
        if let old = orders.removeValue(forKey: key) { adjust(old, by: -1) }
        guard message.size > 0 else { return true }
        let order = Order(side: message.side, price: message.price, size: message.size)
        orders[key] = order
        adjust(order, by: 1)
        return true
    }

    /// Applies `5`: the order leaves the book. Returns false when no such order rests there.
    @discardableResult
    public mutating func apply(_ delete: OrderDelete) -> Bool {
        guard let key = Key(orderID: delete.orderID, marketMaker: delete.marketMaker, side: delete.side),
            let old = orders.removeValue(forKey: key)
        else { return false }
        adjust(old, by: -1)
        return true
    }

    /// Applies `S,CLEAR DEPTH`: every order on the side goes.
    public mutating func apply(_ clearDepth: ClearDepth) {
        orders = orders.filter { $0.value.side != clearDepth.side }
        levels.clear(clearDepth.side)
    }

    /// Applies `message` if it is a market-by-order line or `S,CLEAR DEPTH`; returns whether it changed the book.
    @discardableResult
    public mutating func apply(_ message: FeedMessage) -> Bool {
        switch message {
        case .order(let order): return apply(order)
        case .orderDelete(let delete): return apply(delete)
        case .clearDepth(let clearDepth):
            apply(clearDepth)
            return true
        default: return false
        }
    }

    /// Adds (`sign` 1) or takes away (`sign` -1) `order`'s share of its level.
    private mutating func adjust(_ order: Order, by sign: Int) {
        levels.adjust(order.side, price: order.price, size: sign * order.size, orders: sign)
    }
}
