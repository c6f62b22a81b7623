import MarketData

/// Keeps the book by price level while LOBSTER messages are turned into IQFeed lines, and appends the lines.
struct LobsterLineWriter {
    private let writer: CaptureWriter
    private let symbol: String
    private let date: String
    private let origin: Int64
    private var book = PriceLevelBook()
    private var volume = 0
    private(set) var summary = LobsterImportSummary()

    init(writer: CaptureWriter, symbol: String, date: String, origin: Int64) {
        self.writer = writer
        self.symbol = symbol
        self.date = date
        self.origin = origin
    }

    /// The snapshot (`7` lines, bids then asks, best first) from the book after `first`, plus `first`'s trade if it
    /// was an execution.
    mutating func writeSnapshot(_ row: LobsterBookRow, after first: LobsterMessage) throws {
        summary.messages = 1
        for (side, levels) in [(BookSide.bid, row.bids), (.ask, row.asks)] {
            for level in levels {
                let price = Self.price(level.price)
                book.set(side, price: price, size: level.size)
                try append(.priceLevel(update(.summary, side, price, level.size, at: first)), port: .level2, at: first)
                summary.snapshotLines += 1
            }
        }
        if first.kind == .visibleExecution || first.kind == .hiddenExecution { try trade(first) }
    }

    /// The lines for one message after the first.
    mutating func apply(_ message: LobsterMessage) throws {
        summary.messages += 1
        summary.spanNanoseconds = message.nanosecondsAfterMidnight - origin
        let side: BookSide = message.isBuy ? .bid : .ask
        let price = Self.price(message.price)
        let current = book.level(side, price: price)?.size ?? 0
        switch message.kind {
        case .submission:
            try setLevel(side, price, current + message.size, for: message)
        case .partialCancel, .delete, .visibleExecution:
            try setLevel(side, price, current - message.size, for: message)
            if message.kind == .visibleExecution { try trade(message) }
        case .hiddenExecution:
            try trade(message)
        case .crossTrade, .halt:
            summary.skipped += 1
        }
    }

    private mutating func setLevel(_ side: BookSide, _ price: Price, _ size: Int, for message: LobsterMessage) throws {
        let line: FeedMessage
        if size > 0 {
            book.set(side, price: price, size: size)
            line = .priceLevel(update(.update, side, price, size, at: message))
        } else {
            _ = book.remove(side, price: price)
            line = .priceLevelDelete(
                PriceLevelDelete(symbol: symbol, side: side, price: price, time: Self.time(message), date: date)
            )
        }
        try append(line, port: .level2, at: message)
        summary.levelLines += 1
    }

    /// A Level 1 `Q` line for an execution, default field list, with the best bid and ask after it.
    private mutating func trade(_ message: LobsterMessage) throws {
        volume += message.size
        let bid = book.bestBid
        let ask = book.bestAsk
        let values = [
            symbol, Self.price(message.price).description, String(message.size), Self.time(message), "",
            String(volume), bid?.price.description ?? "", bid.map { String($0.size) } ?? "",
            ask?.price.description ?? "", ask.map { String($0.size) } ?? "", "", "", "", "", "C", "",
        ]
        guard let update = Level1Update(kind: .update, values: values) else {
            preconditionFailure("a trade line built from numbers always parses: \(values)")
        }
        try append(.level1(update), port: .level1, at: message)
        summary.tradeLines += 1
    }

    private func update(
        _ kind: PriceLevelUpdate.Kind,
        _ side: BookSide,
        _ price: Price,
        _ size: Int,
        at message: LobsterMessage
    ) -> PriceLevelUpdate {
        PriceLevelUpdate(
            kind: kind,
            symbol: symbol,
            side: side,
            price: price,
            size: size,
            orderCount: nil,
            precision: 4,
            time: Self.time(message),
            date: date
        )
    }

    private func append(_ message: FeedMessage, port: FeedPort, at source: LobsterMessage) throws {
        try writer.append(
            recvNs: source.nanosecondsAfterMidnight - origin,
            port: port,
            symbol: symbol,
            line: message.encodedLine
        )
    }

    /// LOBSTER prices are dollars × 10,000: `5853300` is `585.3300`.
    private static func price(_ lobster: Int64) -> Price {
        Price(mantissa: lobster, decimals: 4)
    }

    /// `HH:MM:SS.ffffff` (IQFeed's Level 2 and trade time), truncated to microseconds.
    static func time(_ message: LobsterMessage) -> String {
        let micros = message.nanosecondsAfterMidnight / 1_000
        let seconds = micros / 1_000_000
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let fraction = String(micros % 1_000_000)
        return "\(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60))."
            + String(repeating: "0", count: 6 - fraction.count) + fraction
    }
}
