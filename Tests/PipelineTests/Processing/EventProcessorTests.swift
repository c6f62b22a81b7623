import MarketData
import Pipeline
import Testing

@Suite("Processing raw lines into books and features")
struct EventProcessorTests {
    private func process(
        _ processor: inout EventProcessor,
        _ text: String,
        port: FeedPort,
        seq: Int64
    ) -> EventProcessor.Outcome {
        let symbol = FeedLine.symbol(of: text, port: port).map(String.init) ?? ""
        var line = text
        return line.withUTF8 { bytes in
            processor.process(line: UnsafeRawBufferPointer(bytes), port: port, seq: seq, symbol: symbol)
        }
    }

    @Test("Market-by-price lines build the book; features follow each change")
    func marketByPrice() throws {
        var processor = EventProcessor()
        _ = process(&processor, "7,AAPL,B,585.33,200,3,0,09:30:00.000001,2012-06-21,", port: .level2, seq: 1)
        let outcome = process(&processor, "7,AAPL,A,585.40,100,2,0,09:30:00.000002,2012-06-21,", port: .level2, seq: 2)
        guard case .applied(let features, let eventCount) = outcome else {
            Issue.record("expected applied, got \(outcome)")
            return
        }
        #expect(features.bestBid == PriceLevelBook.Level(price: Price("585.33")!, size: 200, orderCount: 3))
        #expect(features.bestAsk?.size == 100)
        #expect(features.mid == (585.33 + 585.40) / 2)
        #expect(features.microprice == (585.33 * 100 + 585.40 * 200) / 300)
        #expect(eventCount == 2)
        #expect(processor.state(of: "AAPL")?.depthKind == .byPrice)
    }

    @Test("A line at or below its symbol's last seq is a re-delivery and is not applied again")
    func redelivery() {
        var processor = EventProcessor()
        _ = process(&processor, "7,AAPL,B,585.33,200,3,0,09:30:00.000001,2012-06-21,", port: .level2, seq: 5)
        let again = process(&processor, "8,AAPL,B,585.33,999,3,0,09:30:00.000003,2012-06-21,", port: .level2, seq: 5)
        guard case .replayed = again else {
            Issue.record("expected replayed, got \(again)")
            return
        }
        #expect(processor.state(of: "AAPL")?.features.bestBid?.size == 200)
        #expect(processor.state(of: "AAPL")?.eventCount == 1)
    }

    @Test("A bad line is reported with its reason and changes nothing")
    func badLine() {
        var processor = EventProcessor()
        let outcome = process(&processor, "8,AAPL,B,585.x,100,3,0,09:30:00.000003,2012-06-21,", port: .level2, seq: 1)
        guard case .bad(let reason) = outcome else {
            Issue.record("expected bad, got \(outcome)")
            return
        }
        #expect(!reason.isEmpty)
        #expect(processor.state(of: "AAPL") == nil)
    }
}
