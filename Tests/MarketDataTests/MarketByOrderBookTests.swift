import MarketData
import Testing

@Suite("Market-by-order book")
struct MarketByOrderBookTests {
    /// Applies each line (Level 2) to a new book and returns it.
    private func book(_ lines: [String]) -> MarketByOrderBook {
        var book = MarketByOrderBook()
        for line in lines {
            let message = IQFeedExamples.parse(line, .level2)
            #expect(!message.isBad, "\(line)")
            book.apply(message)
        }
        return book
    }

    private func levels(_ book: MarketByOrderBook, _ side: BookSide) -> [String] {
        book.levels.levels(side).map { "\($0.price) \($0.size)x\($0.orderCount ?? 0)" }
    }

    @Test("orders add up to levels; an update moves an order between levels with its absolute size")
    func moves() {
        let book = book([
            "6,@ESM19,1,,B,2938.25,10,1,2,t,d,",
            "6,@ESM19,2,,B,2938.25,5,2,2,t,d,",
            "3,@ESM19,3,,B,2938.00,7,3,2,t,d,",
            "3,@ESM19,4,,A,2938.50,4,4,2,t,d,",
            "4,@ESM19,2,,B,2938.00,6,2,2,t,d,",
        ])
        #expect(levels(book, .bid) == ["2938.25 10x1", "2938.00 13x2"], "best bid first")
        #expect(levels(book, .ask) == ["2938.50 4x1"])
        #expect(book.order(id: 2) == .init(side: .bid, price: Price("2938.00")!, size: 6))
        #expect(book.orderCount == 4)
    }

    @Test("a delete removes the order and empties its level; unknown deletes change nothing")
    func deletes() {
        var book = book(["3,@ES,1,,B,10.25,3,1,2,t,d,", "3,@ES,2,,B,10.00,4,2,2,t,d,"])
        let deleted = book.apply(IQFeedExamples.parse("5,@ES,1,,B,t,d,", .level2))
        #expect(deleted)
        #expect(levels(book, .bid) == ["10.00 4x1"])
        let unknownDeleted = book.apply(IQFeedExamples.parse("5,@ES,99,,B,t,d,", .level2))
        #expect(!unknownDeleted)
        #expect(levels(book, .bid) == ["10.00 4x1"])
        let zeroed = book.apply(IQFeedExamples.parse("4,@ES,2,,B,10.00,0,2,2,t,d,", .level2))
        #expect(zeroed, "size 0 removes")
        #expect(book.levels.isEmpty && book.orderCount == 0)
    }

    @Test("Nasdaq rows without an order id are keyed by participant and side")
    func equities() {
        let book = book([
            "6,QQQ,,AMEX,A,408.8400,100,,4,t,d,",
            "6,QQQ,,NSDQ,A,408.8400,300,,4,t,d,",
            "6,QQQ,,NSDQ,B,408.8000,200,,4,t,d,",
            "4,QQQ,,NSDQ,A,408.8500,100,,4,t,d,",
            "5,QQQ,,AMEX,A,,d,",
        ])
        #expect(levels(book, .ask) == ["408.8500 100x1"])
        #expect(levels(book, .bid) == ["408.8000 200x1"])
        #expect(book.order(marketMaker: "NSDQ", side: .bid)?.size == 200)
    }

    @Test("S,CLEAR DEPTH drops one side's orders and levels")
    func clearDepth() {
        let book = book([
            "3,@ES,1,,B,10.25,3,1,2,t,d,", "3,@ES,2,,A,10.50,4,2,2,t,d,", "S,CLEAR DEPTH,@ES,B,",
            "3,@ES,3,,B,10.00,1,3,2,t,d,",
        ])
        #expect(levels(book, .bid) == ["10.00 1x1"])
        #expect(levels(book, .ask) == ["10.50 4x1"])
        #expect(book.order(id: 1) == nil)
    }
}
