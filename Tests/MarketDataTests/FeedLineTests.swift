import MarketData
import Testing

@Suite("FeedLine: symbol and type code without parsing")
struct FeedLineTests {
    @Test("Symbol of every example agrees with the parsed message", arguments: IQFeedExamples.all)
    func symbolMatchesParser(port: FeedPort, line: String) {
        let message = IQFeedExamples.parse(line, port)
        let symbol = FeedLine.symbol(of: line, port: port)
        switch message {
        case .news, .marketMakerName, .deprecated:
            #expect(symbol == nil)
        default:
            #expect(symbol.map(String.init) == message.symbol)
        }
    }

    @Test("Symbols and type codes")
    func examples() {
        #expect(FeedLine.symbol(of: "Q,AAPL,1,2,", port: .level1) == "AAPL")
        #expect(FeedLine.symbol(of: "n,ZZZZ\r", port: .level1) == "ZZZZ")
        #expect(FeedLine.symbol(of: "7,@ESM19,B,1", port: .level2) == "@ESM19")
        #expect(FeedLine.symbol(of: "S,CLEAR DEPTH,@ESZ22,B,", port: .level2) == "@ESZ22")
        #expect(FeedLine.symbol(of: "S,SYMBOL LIMIT REACHED,TSLA\r\n", port: .level1) == "TSLA")
        #expect(FeedLine.symbol(of: "S,STATS,1,2", port: .admin) == nil)
        #expect(FeedLine.symbol(of: "T,20180709 14:18:31", port: .level1) == nil)
        #expect(FeedLine.symbol(of: "E,!SYNTAX_ERROR!,", port: .level1) == nil)
        #expect(FeedLine.symbol(of: "N,DTN,1,AAPL,2,x", port: .level1) == nil)
        #expect(FeedLine.symbol(of: "XYZ,LH,1,2", port: .lookup) == nil)
        #expect(FeedLine.symbol(of: "Q,,1", port: .level1) == nil)
        #expect(FeedLine.symbol(of: "Q", port: .level1) == nil)
        #expect(FeedLine.symbol(of: "", port: .level1) == nil)

        #expect(FeedLine.typeCode(of: "Q,AAPL,1", port: .level1) == "Q")
        #expect(FeedLine.typeCode(of: "S,CLEAR DEPTH,@ESZ22,B,", port: .level2) == "S,CLEAR DEPTH")
        #expect(FeedLine.typeCode(of: "S,SERVER CONNECTED\r", port: .level2) == "S,SERVER CONNECTED")
        #expect(FeedLine.typeCode(of: "S", port: .admin) == "S")
        #expect(FeedLine.typeCode(of: "XYZ,LH,1,2", port: .lookup) == "LH")
        #expect(FeedLine.typeCode(of: "LH,1,2", port: .lookup) == "LH")
        #expect(FeedLine.typeCode(of: "H_1,!ENDMSG!,", port: .lookup) == "!ENDMSG!")
        #expect(FeedLine.typeCode(of: "H_1,E,!NO_DATA!,", port: .lookup) == "E")
        #expect(FeedLine.typeCode(of: "!ENDMSG!,", port: .lookup) == "!ENDMSG!")
        #expect(FeedLine.typeCode(of: "T,20180709 14:18:31", port: .level1) == "T")
        #expect(FeedLine.typeCode(of: "", port: .level1) == "")
    }

    @Test("Byte variants return offsets into a receive buffer")
    func bytes() {
        let buffer = Array("8,@ESM19,A,2938.50,20,4,2,t,d,\r\n".utf8)
        buffer.withUnsafeBytes { raw in
            #expect(FeedLine.symbolRange(in: raw, port: .level2) == 2..<8)
            #expect(FeedLine.typeCodeRange(in: raw, port: .level2) == 0..<1)
        }
        let system = Array("S,CLEAR DEPTH,AB,A,".utf8)
        system.withUnsafeBufferPointer { bytes in
            #expect(FeedLine.symbolRange(in: bytes, port: .level2) == 14..<16)
            #expect(FeedLine.typeCodeRange(in: bytes, port: .level2) == 0..<13)
        }
        let empty = [UInt8]()
        empty.withUnsafeBytes { raw in
            #expect(FeedLine.symbolRange(in: raw, port: .level1) == nil)
            #expect(FeedLine.typeCodeRange(in: raw, port: .level1) == 0..<0)
        }
    }
}
