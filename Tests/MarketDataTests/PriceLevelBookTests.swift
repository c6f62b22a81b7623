import MarketData
import SystemSupport
import Testing

@Suite("Market-by-price book")
struct PriceLevelBookTests {
    /// Applies Level 2 lines to a book, failing on any line that is not a book message.
    func book(_ lines: [String]) -> PriceLevelBook {
        var parser = FeedParser()
        var book = PriceLevelBook()
        for line in lines {
            let applied = book.apply(parser.parse(line, port: .level2))
            #expect(applied, "\(line)")
        }
        return book
    }

    func level(_ price: String, _ size: Int, _ orders: Int?) -> PriceLevelBook.Level {
        PriceLevelBook.Level(price: Price(price)!, size: size, orderCount: orders)
    }

    @Test("Snapshot, updates, deletes: exact levels and best prices")
    func sequence() {
        let book = book([
            "7,@ES,B,100.00,10,1,2,t,d,",
            "7,@ES,B,100.25,20,2,2,t,d,",
            "7,@ES,B,99.75,30,3,2,t,d,",
            "7,@ES,A,100.50,5,1,2,t,d,",
            "7,@ES,A,100.75,6,1,2,t,d,",
            "8,@ES,B,100.2500,25,4,2,t,d,",  // same level as 100.25, written differently
            "8,@ES,A,100.5,7,2,2,t,d,",
            "8,@ES,B,100.50,1,1,2,t,d,",  // new best bid
            "9,@ES,B,100.50,t,d,",
            "9,@ES,A,101.00,t,d,",  // not in the book: no change
            "8,@ES,A,101.25,9,,2,t,d,",
        ])
        #expect(book.bestBid == level("100.25", 25, 4))
        #expect(book.bestAsk == level("100.5", 7, 2))
        #expect(book.levels(.bid) == [level("100.25", 25, 4), level("100", 10, 1), level("99.75", 30, 3)])
        #expect(book.levels(.ask) == [level("100.5", 7, 2), level("100.75", 6, 1), level("101.25", 9, nil)])
        #expect(book.levels(.ask, limit: 2) == [level("100.5", 7, 2), level("100.75", 6, 1)])
        #expect(book.levels(.bid, limit: 0).isEmpty)
        #expect(book.level(.bid, depth: 2) == level("99.75", 30, 3))
        #expect(book.level(.bid, depth: 3) == nil)
        #expect(book.level(.ask, price: Price("100.75")!) == level("100.75", 6, 1))
        #expect(book.levelCount(.bid) == 3 && book.levelCount(.ask) == 3)
    }

    @Test("S,CLEAR DEPTH drops one side; size 0 removes a level")
    func clear() {
        var book = book([
            "7,@ES,B,100.00,10,1,2,t,d,",
            "7,@ES,A,100.50,5,1,2,t,d,",
            "8,@ES,A,100.75,6,1,2,t,d,",
            "S,CLEAR DEPTH,@ES,B,",
        ])
        #expect(book.bestBid == nil)
        #expect(book.levelCount(.ask) == 2)
        var parser = FeedParser()
        book.apply(parser.parse("8,@ES,A,100.50,0,0,2,t,d,", port: .level2))
        #expect(book.levels(.ask) == [level("100.75", 6, 1)])
        book.apply(parser.parse("S,CLEAR DEPTH,@ES,A,", port: .level2))
        #expect(book.isEmpty)
        let appliedTimestamp = book.apply(parser.parse("T,20180709 14:18:31", port: .level2))
        #expect(!appliedTimestamp)
    }

    @Test("Random operations match a dictionary model")
    func matchesModel() {
        var random = SplitMix64(seed: 42)
        var book = PriceLevelBook()
        var model: [BookSide: [Int64: Int]] = [.bid: [:], .ask: [:]]
        for _ in 0..<20_000 {
            let side: BookSide = random.next() % 2 == 0 ? .bid : .ask
            let price = Price(mantissa: Int64(random.next() % 200) + 10_000, decimals: 2)
            if random.next() % 3 == 0 {
                book.remove(side, price: price)
                model[side]![price.units] = nil
            } else {
                let size = Int(random.next() % 50)
                book.set(side, price: price, size: size)
                model[side]![price.units] = size > 0 ? size : nil
            }
        }
        for side in BookSide.allCases {
            let expected = model[side]!.sorted { side == .bid ? $0.key > $1.key : $0.key < $1.key }
            #expect(
                book.levels(side).map { [$0.price.units, Int64($0.size)] }
                    == expected.map { [$0.key, Int64($0.value)] }
            )
        }
    }
}
