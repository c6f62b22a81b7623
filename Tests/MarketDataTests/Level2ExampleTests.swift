import MarketData
import Testing

@Suite("Level 2 examples: concrete field values")
struct Level2ExampleTests {
    @Test("7 and 9 price levels")
    func priceLevels() {
        let seven = IQFeedExamples.parse("7,@ESM19,B,2938.25,65,11,2,20:31:04.876740,2019-04-23,", .level2)
        #expect(
            seven
                == .priceLevel(
                    PriceLevelUpdate(
                        kind: .summary,
                        symbol: "@ESM19",
                        side: .bid,
                        price: Price(mantissa: 293_825, decimals: 2),
                        size: 65,
                        orderCount: 11,
                        precision: 2,
                        time: "20:31:04.876740",
                        date: "2019-04-23"
                    )
                )
        )
        let nine = IQFeedExamples.parse("9,@ESM19,A,2938.25,20:31:04.876740,2019-04-23,", .level2)
        #expect(
            nine
                == .priceLevelDelete(
                    PriceLevelDelete(
                        symbol: "@ESM19",
                        side: .ask,
                        price: Price(mantissa: 293_825, decimals: 2),
                        time: "20:31:04.876740",
                        date: "2019-04-23"
                    )
                )
        )
        guard case .priceLevel(let eight) = IQFeedExamples.parse(IQFeedExamples.level2[11], .level2) else {
            Issue.record("not an 8")
            return
        }
        #expect(eight.kind == .update && eight.side == .ask && eight.size == 20 && eight.orderCount == 4)
    }

    @Test("6, 3, 4, 0 orders and 5 deletes")
    func orders() {
        guard case .order(let add) = IQFeedExamples.parse(IQFeedExamples.level2[8], .level2) else {
            Issue.record("not a 3")
            return
        }
        #expect(add.kind == .add && add.symbol == "@ESM19" && add.orderID == 12_345_678 && add.marketMaker == "MD01")
        #expect(add.side == .bid && add.price == Price("2938.25") && add.size == 65 && add.priority == 11)
        #expect(add.precision == 2 && add.time == "20:31:04.876740" && add.date == "2019-04-23")

        guard case .order(let update) = IQFeedExamples.parse(IQFeedExamples.level2[5], .level2) else {
            Issue.record("not a 4")
            return
        }
        #expect(update.kind == .update && update.symbol == "SPY" && update.orderID == nil)
        #expect(update.marketMaker == "NSDQ" && update.side == .bid && update.price.description == "451.4400")
        #expect(update.size == 300 && update.priority == nil && update.precision == 4)

        guard case .order(let summary) = IQFeedExamples.parse(IQFeedExamples.level2[6], .level2) else {
            Issue.record("not a 6")
            return
        }
        #expect(summary.kind == .summary && summary.marketMaker == "AMEX" && summary.side == .ask)

        guard case .order(let zero) = IQFeedExamples.parse(IQFeedExamples.level2[9], .level2) else {
            Issue.record("not a 0")
            return
        }
        #expect(zero.kind == .priceLevelOrder && zero.marketMaker.isEmpty && zero.price.description == "2938.50")

        #expect(
            IQFeedExamples.parse("5,@ESZ21,648907593934,,A,20:32:47.333543,2021-10-24,", .level2)
                == .orderDelete(
                    OrderDelete(
                        symbol: "@ESZ21",
                        orderID: 648_907_593_934,
                        marketMaker: "",
                        side: .ask,
                        time: "20:32:47.333543",
                        date: "2021-10-24"
                    )
                )
        )
        #expect(
            IQFeedExamples.parse("5,TSLA,,CHXE,B,,2022-04-01,", .level2)
                == .orderDelete(
                    OrderDelete(
                        symbol: "TSLA",
                        orderID: nil,
                        marketMaker: "CHXE",
                        side: .bid,
                        time: "",
                        date: "2022-04-01"
                    )
                )
        )
    }

    @Test("Z and 2 legacy rows, with a bare trailing point kept")
    func legacyRows() {
        guard case .marketMaker(let z) = IQFeedExamples.parse(IQFeedExamples.level2[2], .level2) else {
            Issue.record("not a Z")
            return
        }
        #expect(z.kind == .summary && z.symbol == "@ES#" && z.marketMaker == "MD01")
        #expect(z.bid == Price("2982.25") && z.ask == Price("2982.5") && z.bidSize == 99 && z.askSize == 238)
        #expect(z.bidTime == "12:49:52.696621" && z.date == "2019-10-18" && z.conditionCode == "52")
        #expect(z.askTime == "12:49:52.541104" && z.bidValid == true && z.askValid == true && z.endOfGroup == false)

        guard case .marketMaker(let two) = IQFeedExamples.parse(IQFeedExamples.level2[3], .level2) else {
            Issue.record("not a 2")
            return
        }
        #expect(two.kind == .update && two.bid == Price(mantissa: 2938, decimals: 0))
        #expect(two.bid?.description == "2938.")
        #expect(two.ask == Price(mantissa: 293_825, decimals: 2))
    }

    @Test("S,CLEAR DEPTH, q, O, M and a side written S")
    func otherLevel2() {
        #expect(
            IQFeedExamples.parse("S,CLEAR DEPTH,@ESZ22,B,", .level2)
                == .clearDepth(ClearDepth(symbol: "@ESZ22", side: .bid))
        )
        #expect(
            IQFeedExamples.parse("S,CLEAR DEPTH,@ESZ22,A,", .level2)
                == .clearDepth(ClearDepth(symbol: "@ESZ22", side: .ask))
        )
        #expect(IQFeedExamples.parse("q,@ESZ22,", .level2) == .noDepth(NoDepth(symbol: "@ESZ22")))
        guard case .deprecated(let o) = IQFeedExamples.parse("O,@ESZ22,MD01,2938.25,", .level2) else {
            Issue.record("not an O")
            return
        }
        #expect(o.typeCode == "O" && Array(o.values) == ["@ESZ22", "MD01", "2938.25"])
        #expect(
            IQFeedExamples.parse("M,NSDQ,Nasdaq Execution Services, LLC", .level2)
                == .marketMakerName(MarketMakerName(marketMaker: "NSDQ", description: "Nasdaq Execution Services, LLC"))
        )

        let sold = IQFeedExamples.parse("9,@ESM19,S,2938.25,20:31:04.876740,2019-04-23,", .level2)
        guard case .priceLevelDelete(let delete) = sold else {
            Issue.record("not a 9")
            return
        }
        #expect(delete.side == .ask)
        #expect(sold.encodedLine == "9,@ESM19,A,2938.25,20:31:04.876740,2019-04-23,")
    }
}
