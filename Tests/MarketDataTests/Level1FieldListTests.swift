import MarketData
import Testing

@Suite("The Level 1 field list follows S,CURRENT UPDATE FIELDNAMES")
struct Level1FieldListTests {
    @Test("After the acknowledgement a Q line is read by the new list")
    func switchesList() throws {
        var parser = FeedParser()
        #expect(parser.level1Fields == .default)
        let ack = parser.parse("S,CURRENT UPDATE FIELDNAMES,Symbol,Bid,Ask,Total Volume,VWAP,Bid Size,", port: .level1)
        guard case .system(let system) = ack else {
            Issue.record("not a system line: \(ack)")
            return
        }
        #expect(system.level1FieldList?.names == ["Symbol", "Bid", "Ask", "Total Volume", "VWAP", "Bid Size"])
        #expect(parser.level1Fields.names == ["Symbol", "Bid", "Ask", "Total Volume", "VWAP", "Bid Size"])
        #expect(ack.encodedLine == "S,CURRENT UPDATE FIELDNAMES,Symbol,Bid,Ask,Total Volume,VWAP,Bid Size,")

        let line = "Q,MSFT,410.1200,410.1500,1234567,410.0311,300,"
        guard case .level1(let q) = parser.parse(line, port: .level1) else {
            Issue.record("not a Q")
            return
        }
        #expect(q.symbol == "MSFT")
        #expect(q.bid == Price("410.12"))
        #expect(q.ask == Price("410.15"))
        #expect(q.totalVolume == 1_234_567)
        #expect(q.bidSize == 300)
        #expect(q.askSize == nil && q.lastPrice == nil && q.lastTime == nil && q.messageContents == nil)
        #expect(q.price(named: "VWAP") == Price("410.0311"))
        #expect(q.fieldList == parser.level1Fields)
        #expect(q.values.count == 6)
        #expect(Level1Update(kind: .update, fieldList: q.fieldList, values: q.values.map(String.init)) == q)

        // The same line read by the default list is too short.
        #expect(FeedParser().parsed(line).isBad)
    }

    @Test("An empty list is ignored; other S lines leave the list alone")
    func keepsList() {
        var parser = FeedParser()
        _ = parser.parse("S,CURRENT UPDATE FIELDNAMES,", port: .level1)
        _ = parser.parse("S,UPDATE FIELDNAMES,Symbol,Bid", port: .level1)
        #expect(parser.level1Fields == .default)
    }

    @Test("Building an update from values")
    func builds() throws {
        let values = ["IBM", "", "", "", "", "1000", "150.10", "5", "150.20", "7", "", "", "", "", "ba", ""]
        let update = try #require(Level1Update(kind: .update, values: values))
        #expect(update.bid == Price("150.10") && update.askSize == 7 && update.totalVolume == 1_000)
        #expect(FeedMessage.level1(update).encodedLine == "Q," + values.joined(separator: ",") + ",")
        #expect(Level1Update(kind: .update, values: Array(values.prefix(10))) == nil)
        #expect(Level1Update(kind: .update, values: ["IBM", "x"] + Array(values.dropFirst(2))) == nil)
    }
}

extension FeedParser {
    /// Parses a Level 1 line with a copy of this parser.
    func parsed(_ line: String) -> FeedMessage {
        var copy = self
        return copy.parse(line, port: .level1)
    }
}
