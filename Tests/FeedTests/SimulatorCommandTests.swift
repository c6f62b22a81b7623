import Testing

@testable import Feed

@Suite("Simulator commands and field maps")
struct SimulatorCommandTests {
    @Test(
        "client commands parse",
        arguments: [
            ("S,SET PROTOCOL,6.2", SimulatorCommand.setProtocol("6.2")),
            ("S,SELECT UPDATE FIELDS,Symbol,Bid,Ask", .selectUpdateFields(["Symbol", "Bid", "Ask"])),
            ("wAAPL", .watch("AAPL", .plain)),
            ("tAAPL", .watch("AAPL", .plain)),
            ("rAAPL", .unwatch("AAPL", .plain)),
            ("fAAPL", .refresh("AAPL")),
            ("WPL,@ESZ22,10", .watch("@ESZ22", .byPrice)),
            ("WOR,SPY", .watch("SPY", .byOrder)),
            ("RPL,SPY", .unwatch("SPY", .byPrice)),
            ("ROR,SPY", .unwatch("SPY", .byOrder)),
            ("S,REQUEST WATCHES", .requestWatches),
            ("S,UNWATCH ALL", .unwatchAll),
            ("S,TIMESTAMPSOFF", .timestamps(on: false)),
            ("T", .timestamp),
            ("S,SET CLIENT NAME,recorder1", .ignored),
            ("S,TEST", .unknown),
            ("HELLO,WORLD", .unknown),
            ("w", .unknown),
            ("", .unknown),
        ]
    )
    func parses(line: String, expected: SimulatorCommand) {
        #expect(SimulatorCommand(Substring(line)) == expected)
    }

    @Test("a different field selection takes each recorded value by name")
    func fieldMap() throws {
        let map = try #require(
            Level1FieldMap(recorded: ["Symbol", "Bid", "Ask", "Total Volume"], selected: ["Symbol", "Ask", "Last"])
        )
        #expect(map.rewrite("Q,AAPL,1.01,1.02,500,") == "Q,AAPL,1.02,,")
        #expect(map.rewrite("P,AAPL,1.01,1.02,500") == "P,AAPL,1.02,,")
        #expect(map.rewrite("8,AAPL,B,1.01,100,1,4,,,") == "8,AAPL,B,1.01,100,1,4,,,")
        #expect(Level1FieldMap(recorded: ["Symbol", "Bid"], selected: ["Symbol", "Bid"]) == nil)
    }

    @Test("a corrupted line keeps its type and symbol")
    func corrupt() {
        #expect(SimulatorSession.corrupt("Q,AAPL,1.01,100,") == "Q,AAPL,#CORRUPT#,100,")
        #expect(SimulatorSession.corrupt("n,AAPL") == "n,AAPL,#CORRUPT#")
    }
}
