import MarketData
import Testing

@Suite("Level 1 examples: concrete field values")
struct Level1ExampleTests {
    @Test("Q with the default field list")
    func quoteUpdate() throws {
        let line = IQFeedExamples.level1.first { $0.hasPrefix("Q,") }!
        guard case .level1(let q) = IQFeedExamples.parse(line, .level1) else { Issue.record("not a Q"); return }
        #expect(q.kind == .update)
        #expect(q.symbol == "AAPL")
        #expect(q.lastPrice == Price(mantissa: 3_227_500, decimals: 4))
        #expect(q.lastPrice?.description == "322.7500")
        #expect(q.lastSize == 40)
        #expect(q.lastTime == "16:53:23.256494")
        #expect(q.totalVolume == 37_629_453)
        #expect(q.bid == Price("322.68"))
        #expect(q.bidSize == 100)
        #expect(q.ask == Price("322.87"))
        #expect(q.askSize == 100)
        #expect(q.messageContents == "ba")
        #expect(q.contents == [.bid, .ask])
        #expect(!q.contents.hasTrade)
        #expect(q.tradeConditions == "873D17")
        #expect(q.value(named: "Most Recent Trade Market Center") == "11")
        #expect(q.integer(named: "Most Recent Trade Market Center") == 11)
        #expect(q.price(named: "Close") == Price("308.95"))
        #expect(q.value(named: "VWAP") == nil)
        #expect(q.values.count == 16)
        #expect(q.trailingComma)
        #expect(q.fieldList == .default)
    }

    @Test("P with empty fields and two values past the field list, no trailing comma")
    func summary() throws {
        let line = IQFeedExamples.level1.first { $0.hasPrefix("P,") }!
        guard case .level1(let p) = IQFeedExamples.parse(line, .level1) else { Issue.record("not a P"); return }
        #expect(p.kind == .summary)
        #expect(p.symbol == "AAPL")
        #expect(p.lastPrice == Price("188.35"))
        #expect(p.lastSize == 52_500)
        #expect(p.totalVolume == 0)
        #expect(p.bid == Price("188.25"))
        #expect(p.ask == Price("188.36"))
        #expect(p.value(named: "Open") == nil)
        #expect(p.price(named: "Close") == Price("187.97"))
        #expect(p.contents == [.qualifiedTrade, .bid, .ask, .close, .volume])
        #expect(p.contents.hasTrade)
        #expect(p.tradeConditions == "8801")
        #expect(p.values.count == 18)
        #expect(p.values[16] == "2")
        #expect(p.values[17] == "17")
        #expect(!p.trailingComma)
    }

    @Test("R, F, C, N")
    func otherLevel1() throws {
        guard
            case .regional(let r) = IQFeedExamples.parse("R,AAPL,X,1.23,100,13:00:00,1.24,200,13:00:01,0,1,2,", .level1)
        else { Issue.record("not an R"); return }
        #expect(r.symbol == "AAPL")
        #expect(r.exchange == "X")
        #expect(r.bid == Price("1.23") && r.bidSize == 100 && r.bidTime == "13:00:00")
        #expect(r.ask == Price("1.24") && r.askSize == 200 && r.askTime == "13:00:01")
        #expect(r.fractionDisplayCode == 0 && r.decimalPrecision == 1 && r.marketCenter == 2)

        guard case .fundamental(let f) = IQFeedExamples.parse("F,MSFT,5,65.6,28624000,97.9500,67.1400", .level1)
        else { Issue.record("not an F"); return }
        #expect(f.symbol == "MSFT")
        #expect(Array(f.values) == ["5", "65.6", "28624000", "97.9500", "67.1400"])
        #expect(!f.trailingComma)

        guard case .tradeCorrection(let x) = IQFeedExamples.parse("C,SPY,X,,,,619.0500,15000,1296380724,,19,", .level1)
        else { Issue.record("not a C"); return }
        #expect(x.symbol == "SPY" && x.action == .delete && x.tradeType.isEmpty && x.date.isEmpty && x.time.isEmpty)
        #expect(x.price == Price("619.05") && x.size == 15_000 && x.tickID == 1_296_380_724)
        #expect(x.conditions.isEmpty && x.marketCenter == 19)

        let insertLine = "C,SPY,I,O,07/16/2025,,619.0500,15000,859256116,198944,24,"
        guard case .tradeCorrection(let i) = IQFeedExamples.parse(insertLine, .level1)
        else { Issue.record("not a C"); return }
        #expect(i.action == .insert && i.tradeType == "O" && i.date == "07/16/2025" && i.conditions == "198944")
        #expect(i.marketCenter == 24 && i.tickID == 859_256_116)

        let newsLine = "N,DTN,22581012806,AAPL:MSFT,20240510093000,Apple, Microsoft rise, analysts say,"
        guard case .news(let n) = IQFeedExamples.parse(newsLine, .level1) else { Issue.record("not an N"); return }
        #expect(n.distributor == "DTN" && n.storyID == "22581012806" && n.timestamp == "20240510093000")
        #expect(n.symbolList == ["AAPL", "MSFT"])
        #expect(n.headline == "Apple, Microsoft rise, analysts say")
        #expect(n.trailingComma)
    }

    @Test("T, n, E and S lines")
    func systemLines() throws {
        #expect(
            IQFeedExamples.parse("T,20180709 14:18:31", .level1)
                == .timestamp(TimestampMessage(timestamp: "20180709 14:18:31"))
        )
        #expect(
            IQFeedExamples.parse("n,INVALID_SYMBOL_NAME", .level1)
                == .symbolNotFound(SymbolNotFound(symbol: "INVALID_SYMBOL_NAME"))
        )
        guard case .error(let noData) = IQFeedExamples.parse("E,!NO_DATA!,,", .level1) else {
            Issue.record("not an E")
            return
        }
        #expect(noData.text == "!NO_DATA!" && noData.values.count == 2 && noData.trailingComma)
        #expect(IQFeedExamples.parse("E,!SYNTAX_ERROR!,", .level1) == .error(ErrorMessage(text: "!SYNTAX_ERROR!")))
        guard case .error(let disconnected) = IQFeedExamples.parse("E,Disconnected from server", .level1) else {
            Issue.record("not an E")
            return
        }
        #expect(disconnected.text == "Disconnected from server" && !disconnected.trailingComma)

        guard case .system(let cust) = IQFeedExamples.parse(IQFeedExamples.level1[3], .level1) else {
            Issue.record("not an S")
            return
        }
        #expect(cust.name == "CUST")
        #expect(cust.values[0] == "real_time")
        #expect(cust.values[6] == "INDEX DTNNEWS RT_TRADER COMTEX ... NYSE APCMB")
        #expect(cust.values[8] == "500")
        #expect(cust.values.count == 11)

        #expect(
            IQFeedExamples.parse("S,CURRENT PROTOCOL,6.2", .level1)
                == .system(SystemMessage(name: "CURRENT PROTOCOL", values: FieldValues(["6.2"]), trailingComma: false))
        )
        #expect(IQFeedExamples.parse("S,SERVER CONNECTED", .level1) == .system(SystemMessage(name: "SERVER CONNECTED")))
        #expect(IQFeedExamples.parse("S,SYMBOL LIMIT REACHED,TSLA", .level1).symbol == "TSLA")
    }
}
