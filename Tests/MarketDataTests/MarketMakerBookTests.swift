import MarketData
import Testing

@Suite("Legacy market-maker book")
struct MarketMakerBookTests {
    private func book(_ lines: [String]) -> MarketMakerBook {
        var book = MarketMakerBook()
        for line in lines {
            let message = IQFeedExamples.parse(line, .level2)
            #expect(!message.isBad, "\(line)")
            let applied = book.apply(message)
            #expect(applied)
        }
        return book
    }

    private func levels(_ book: MarketMakerBook, _ side: BookSide) -> [String] {
        book.levels.levels(side).map { "\($0.price) \($0.size)x\($0.orderCount ?? 0)" }
    }

    @Test("each row replaces its participant's quote; levels add up the participants")
    func replaces() {
        let book = book([
            "Z,@ES#,MD01,2982.25,2982.5,99,238,12:49:52.696621,2019-10-18,52,12:49:52.541104,T,T,F,",
            "Z,@ES#,MD02,2982.25,2982.75,1,10,t,d,52,t,T,T,F,",
            "2,@ES#,MD01,2982.,2982.5,65,23,t,d,52,t,T,T,F,",
        ])
        #expect(levels(book, .bid) == ["2982.25 1x1", "2982. 65x1"])
        #expect(levels(book, .ask) == ["2982.5 23x1", "2982.75 10x1"])
        #expect(book.quote(.bid, marketMaker: "MD01")?.price == Price("2982")!)
    }

    @Test("a side marked not valid leaves the book; S,CLEAR DEPTH empties a side")
    func validityAndClear() {
        let book = book([
            "Z,SPY,NSDQ,451.44,451.45,300,200,t,d,52,t,T,T,F,",
            "2,SPY,NSDQ,451.44,451.46,300,100,t,d,52,t,F,T,F,",
            "Z,SPY,ARCA,451.43,451.46,100,100,t,d,52,t,T,T,F,",
            "S,CLEAR DEPTH,SPY,A,",
        ])
        #expect(levels(book, .bid) == ["451.43 100x1"])
        #expect(levels(book, .ask).isEmpty)
        #expect(book.quote(.bid, marketMaker: "NSDQ") == nil)
    }
}
