import MarketData

/// The Level 2 lines of a synthetic symbol, built as codec messages from its book.
extension SyntheticSymbol {
    /// The market-by-price line for the level at `price` on `side` as the book now has it: `7` (snapshot) or `8` with
    /// the level's total size and order count, or `9` if the level is gone.
    func writeLevel(
        _ side: BookSide,
        price: Int64,
        snapshot: Bool = false,
        _ out: inout SyntheticEmitter
    ) throws {
        let message: FeedMessage
        if let level = ladder.level(side, price: price) {
            message = .priceLevel(
                PriceLevelUpdate(
                    kind: snapshot ? .summary : .update,
                    symbol: symbol,
                    side: side,
                    price: Self.price(price),
                    size: level.size,
                    orderCount: level.orders.count,
                    precision: Self.precision,
                    time: out.time,
                    date: out.date
                )
            )
        } else {
            message = .priceLevelDelete(
                PriceLevelDelete(symbol: symbol, side: side, price: Self.price(price), time: out.time, date: out.date)
            )
        }
        try out.emit(message, port: .level2, symbol: symbolBytes)
    }

    /// A market-by-order `6`, `3` or `4` line: `order` rests at `price` on `side` with its size and priority.
    func writeOrder(
        _ kind: OrderMessage.Kind,
        _ order: SyntheticLadder.Order,
        _ side: BookSide,
        price: Int64,
        _ out: inout SyntheticEmitter
    ) throws {
        let message = OrderMessage(
            kind: kind,
            symbol: symbol,
            orderID: order.id,
            marketMaker: "",
            side: side,
            price: Self.price(price),
            size: order.size,
            priority: order.priority,
            precision: Self.precision,
            time: out.time,
            date: out.date
        )
        try out.emit(.order(message), port: .level2, symbol: symbolBytes)
    }

    /// A market-by-order `5` line: `order` has left `side`.
    func writeOrderDelete(_ order: SyntheticLadder.Order, _ side: BookSide, _ out: inout SyntheticEmitter) throws {
        let message = OrderDelete(
            symbol: symbol,
            orderID: order.id,
            marketMaker: "",
            side: side,
            time: out.time,
            date: out.date
        )
        try out.emit(.orderDelete(message), port: .level2, symbol: symbolBytes)
    }

    /// A `Z` (snapshot) or `2` row with participant `index`'s whole quote; `endOfGroup` on a snapshot's last row.
    func writeQuote(
        of index: Int,
        snapshot: Bool = false,
        endOfGroup: Bool = false,
        _ out: inout SyntheticEmitter
    ) throws {
        let quote = makers.quotes[index]
        let row = MarketMakerQuote(
            kind: snapshot ? .summary : .update,
            symbol: symbol,
            marketMaker: quote.name,
            bid: Self.price(quote.bid),
            ask: Self.price(quote.ask),
            bidSize: quote.bidSize,
            askSize: quote.askSize,
            bidTime: out.time,
            date: out.date,
            conditionCode: "52",
            askTime: out.time,
            bidValid: true,
            askValid: true,
            endOfGroup: endOfGroup
        )
        try out.emit(.marketMaker(row), port: .level2, symbol: symbolBytes)
    }
}
