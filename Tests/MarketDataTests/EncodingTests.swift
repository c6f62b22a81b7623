import MarketData
import Testing

@Suite("Encoding messages built in code")
struct EncodingTests {
    @Test("Level 2 lines from typed fields, as an importer builds them")
    func level2() {
        let price = Price(mantissa: 5_853_300, decimals: 4)
        let level = PriceLevelUpdate(
            kind: .update,
            symbol: "AAPL",
            side: .ask,
            price: price,
            size: 200,
            orderCount: nil,
            precision: 4,
            time: "09:30:00.123456",
            date: "2012-06-21"
        )
        #expect(FeedMessage.priceLevel(level).encodedLine == "8,AAPL,A,585.3300,200,,4,09:30:00.123456,2012-06-21,")
        let delete = PriceLevelDelete(
            symbol: "AAPL",
            side: .bid,
            price: price,
            time: "t",
            date: "d",
            trailingComma: false
        )
        #expect(FeedMessage.priceLevelDelete(delete).encodedLine == "9,AAPL,B,585.3300,t,d")
        let order = OrderMessage(
            kind: .add,
            symbol: "@ESZ24",
            orderID: 42,
            marketMaker: "",
            side: .bid,
            price: Price(mantissa: 593_025, decimals: 2),
            size: 3,
            priority: 7,
            precision: 2,
            time: "t",
            date: "d"
        )
        #expect(FeedMessage.order(order).encodedLine == "3,@ESZ24,42,,B,5930.25,3,7,2,t,d,")
    }

    @Test("Lookup, system and error lines")
    func others() {
        #expect(FeedMessage.lookupEnd(LookupEnd(requestID: "H_1")).encodedLine == "H_1,!ENDMSG!,")
        #expect(FeedMessage.error(ErrorMessage(text: "!SYNTAX_ERROR!")).encodedLine == "E,!SYNTAX_ERROR!,")
        #expect(
            FeedMessage.system(SystemMessage(name: "CURRENT PROTOCOL", values: FieldValues(["6.2"]))).encodedLine
                == "S,CURRENT PROTOCOL,6.2"
        )
        #expect(
            FeedMessage.lookupData(LookupData(values: FieldValues(["2023-05-26", "1.5"]))).encodedLine
                == "LH,2023-05-26,1.5,"
        )
        #expect(
            FeedMessage.clearDepth(ClearDepth(symbol: "@ESZ22", side: .ask)).encodedLine == "S,CLEAR DEPTH,@ESZ22,A,"
        )
    }

    @Test("Encoded lines parse back to the same message")
    func reparse() {
        var parser = FeedParser()
        let messages: [(FeedPort, FeedMessage)] = [
            (.level2, .noDepth(NoDepth(symbol: "@ESZ22", values: FieldValues(["x", ""])))),
            (.level1, .timestamp(TimestampMessage(timestamp: "20240510 09:30:00"))),
            (.level1, .symbolNotFound(SymbolNotFound(symbol: "ZZZZ", trailingComma: true))),
            (.lookup, .error(ErrorMessage(requestID: "R7", values: FieldValues(["!NO_DATA!", ""])))),
            (
                .level2,
                .marketMakerName(MarketMakerName(marketMaker: "MEMX", description: "MEMX, LLC", trailingComma: true))
            ),
        ]
        for (port, message) in messages {
            #expect(parser.parse(message.encodedLine, port: port) == message)
        }
    }

    @Test("A line with more fields than its layout names the count")
    func tooMany() {
        guard case .bad(let bad) = IQFeedExamples.parse("!ENDMSG!,x", .lookup) else {
            Issue.record("parsed")
            return
        }
        #expect(bad.reason == "'!ENDMSG!' line has 1 fields after the type code; expected none")
    }
}
