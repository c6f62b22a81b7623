import Capture
import MarketData
import Testing

/// Replays a synthetic capture through the harness's own books: each symbol's Level 2 lines through the book of its
/// depth kind, checking after every line that the book is sound and that every `Q` line quotes its top.
@Suite("Synthetic captures replayed through the books")
struct SyntheticBookReplayTests {
    /// The books of one capture, by symbol.
    private struct Books {
        var byPrice: [String: PriceLevelBook] = [:]
        var byOrder: [String: MarketByOrderBook] = [:]
        var byMarketMaker: [String: MarketMakerBook] = [:]

        /// Applies a Level 2 line of `symbol`; returns whether the book took it.
        mutating func apply(_ message: FeedMessage, symbol: String, kind: SyntheticDepthKind) -> Bool {
            switch kind {
            case .marketByPrice: byPrice[symbol, default: PriceLevelBook()].apply(message)
            case .marketByOrder: byOrder[symbol, default: MarketByOrderBook()].apply(message)
            case .marketMaker: byMarketMaker[symbol, default: MarketMakerBook()].apply(message)
            }
        }

        /// The price levels of `symbol`'s book.
        func levels(_ symbol: String, kind: SyntheticDepthKind) -> PriceLevelBook {
            switch kind {
            case .marketByPrice: byPrice[symbol] ?? PriceLevelBook()
            case .marketByOrder: byOrder[symbol]?.levels ?? PriceLevelBook()
            case .marketMaker: byMarketMaker[symbol]?.levels ?? PriceLevelBook()
            }
        }
    }

    /// What is wrong with `book`, if anything: a crossed or locked top, or a level without size or orders.
    private func problem(in book: PriceLevelBook) -> String? {
        if let bid = book.bestBid, let ask = book.bestAsk, bid.price >= ask.price {
            return "best bid \(bid.price) is not below best ask \(ask.price)"
        }
        for side in BookSide.allCases {
            if let level = book.levels(side).first(where: { $0.size <= 0 || ($0.orderCount ?? 1) <= 0 }) {
                return "\(side) level \(level.price) has size \(level.size), \(level.orderCount ?? -1) orders"
            }
        }
        return nil
    }

    @Test("no book is ever crossed or holds an empty level; every line applies; every Q quotes the book's top")
    func booksStaySound() throws {
        var configuration = SyntheticSample.configuration(events: 40_000, seed: 11)
        configuration.depthLevels = 6
        let capture = try SyntheticSample.generate(configuration)
        var parser = FeedParser()
        var books = Books()
        var volumes: [String: Int] = [:]
        var problems: [String] = []
        for event in capture.events {
            guard let symbol = event.symbol, let kind = configuration.depthKind(of: symbol) else { continue }
            let message = parser.parse(event.line, port: event.port)
            if case .level1(let update) = message {
                let levels = books.levels(symbol, kind: kind)
                if update.bid != levels.bestBid?.price || update.bidSize != levels.bestBid?.size
                    || update.ask != levels.bestAsk?.price || update.askSize != levels.bestAsk?.size
                {
                    problems.append("seq \(event.seq): \(event.line) does not quote the book's top")
                }
                if let volume = update.totalVolume, volume < volumes[symbol, default: 0] {
                    problems.append("seq \(event.seq): total volume went down")
                }
                volumes[symbol] = update.totalVolume
                if update.contents.hasTrade, (update.lastSize ?? 0) <= 0 || update.lastPrice == nil {
                    problems.append("seq \(event.seq): a trade without price or size")
                }
            } else if !books.apply(message, symbol: symbol, kind: kind) {
                problems.append("seq \(event.seq): the \(kind) book did not take \(event.line)")
            } else if let problem = problem(in: books.levels(symbol, kind: kind)) {
                problems.append("seq \(event.seq) \(event.line): \(problem)")
            }
            if problems.count >= 10 { break }
        }
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        for symbol in configuration.symbols {
            let levels = books.levels(symbol, kind: configuration.depthKind(of: symbol)!)
            #expect(levels.bestBid != nil && levels.bestAsk != nil, "\(symbol) ends with a two-sided book")
        }
    }

    @Test("ladder books stay about depthLevels deep and market-maker books hold every participant")
    func depth() throws {
        let configuration = SyntheticSample.configuration(events: 20_000, seed: 3)
        let capture = try SyntheticSample.generate(configuration)
        var parser = FeedParser()
        var books = Books()
        var deepest = 0
        for event in capture.events {
            guard let symbol = event.symbol, let kind = configuration.depthKind(of: symbol), event.port == .level2
            else { continue }
            _ = books.apply(parser.parse(event.line, port: event.port), symbol: symbol, kind: kind)
            if kind != .marketMaker {
                let levels = books.levels(symbol, kind: kind)
                deepest = max(deepest, levels.levelCount(.bid), levels.levelCount(.ask))
            }
        }
        #expect(deepest == configuration.depthLevels + 1)
        for (symbol, book) in books.byMarketMaker {
            #expect(book.quote(.bid, marketMaker: "NSDQ") != nil, "\(symbol)")
            #expect(book.quote(.ask, marketMaker: "ARCX") != nil, "\(symbol)")
        }
        #expect(books.byMarketMaker.count == 2)
    }
}
