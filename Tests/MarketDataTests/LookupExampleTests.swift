import MarketData
import Testing

@Suite("Lookup examples: request ids, LH rows, !ENDMSG!, errors")
struct LookupExampleTests {
    @Test("LH with and without a request id")
    func dataRows() {
        let tick = "XYZ,LH,2018-04-17 17:51:22.123456,96.0700,1061909,0,0.0000,0.0000,4145784264,O,19,143A,2,17"
        guard case .lookupData(let row) = IQFeedExamples.parse(tick, .lookup) else {
            Issue.record("not LH")
            return
        }
        #expect(row.requestID == "XYZ" && row.dataID == "LH" && !row.trailingComma)
        #expect(row.values.count == 12)
        #expect(row.values[0] == "2018-04-17 17:51:22.123456")
        #expect(row.values[4] == "0.0000")
        #expect(row.values[9] == "143A")

        guard case .lookupData(let daily) = IQFeedExamples.parse(IQFeedExamples.lookup[2], .lookup) else {
            Issue.record("not LH")
            return
        }
        #expect(daily.requestID == nil && daily.trailingComma)
        #expect(Array(daily.values) == ["2023-05-26", "111.1100", "111.1000", "111.1000", "111.1000", "111111", "0"])
    }

    @Test("!ENDMSG! and E with and without a request id")
    func endAndErrors() {
        #expect(IQFeedExamples.parse("!ENDMSG!,", .lookup) == .lookupEnd(LookupEnd()))
        #expect(
            IQFeedExamples.parse("H_0000000155,!ENDMSG!,", .lookup) == .lookupEnd(LookupEnd(requestID: "H_0000000155"))
        )
        #expect(
            IQFeedExamples.parse("H_0000000156,E,!NO_DATA!,", .lookup)
                == .error(ErrorMessage(requestID: "H_0000000156", text: "!NO_DATA!"))
        )
        #expect(
            IQFeedExamples.parse("E,Unauthorized user ID.,", .lookup)
                == .error(ErrorMessage(text: "Unauthorized user ID."))
        )
        #expect(IQFeedExamples.parse("S,CURRENT PROTOCOL,6.2", .lookup).encodedLine == "S,CURRENT PROTOCOL,6.2")
    }

    @Test("Admin S,STATS keeps every value")
    func stats() {
        guard case .system(let stats) = IQFeedExamples.parse(IQFeedExamples.admin[0], .admin) else {
            Issue.record("not S,STATS")
            return
        }
        #expect(stats.name == "STATS" && stats.values.count == 19 && stats.trailingComma)
        #expect(stats.values[0] == "66.112.156.227" && stats.values[10] == "Connected" && stats.values[18] == "0.72")
    }
}
