import MarketData
import Testing

@Suite("Malformed lines become bad lines with a reason")
struct BadLineTests {
    /// The reason for a line that must be bad.
    func reason(_ line: String, _ port: FeedPort = .level2) -> String {
        guard case .bad(let bad) = IQFeedExamples.parse(line, port) else {
            Issue.record("'\(line)' parsed")
            return ""
        }
        #expect(bad.line == line)
        #expect(bad.port == port)
        return bad.reason
    }

    @Test("Wrong field counts name the layout")
    func fieldCounts() {
        #expect(
            reason("9,@ESM19,A,2938.25")
                == "'9' line has 3 fields after the type code; expected 5 (Symbol, Side, Price, Time, Date)"
        )
        #expect(
            reason("9,@ESM19,A,2938.25,20:31:04.876740,2019-04-23,,")
                == "'9' line has 6 fields after the type code; expected 5 (Symbol, Side, Price, Time, Date)"
        )
        #expect(reason("7").hasPrefix("'7' line has 0 fields after the type code; expected 8 (Symbol, Side,"))
        #expect(
            reason("Q,AAPL,1.00,", .level1).hasPrefix(
                "'Q' line has 2 values; the Level 1 field list has 16 (Symbol, Most Recent Trade,"
            )
        )
        #expect(reason("S,CLEAR DEPTH,@ESZ22", .level2).hasPrefix("'S' line has 1 fields after the type code"))
        #expect(reason("Q", .level1).hasPrefix("'Q' line has 0 values; the Level 1 field list has 16"))
        #expect(reason("P,", .level1) == "field 1 (Symbol) is empty")
    }

    @Test("Sizes and counts below zero")
    func negativeCounts() {
        #expect(reason("7,SPY,B,451.44,-5,,4,t,d,") == "field 4 (Size) is negative: '-5'")
        #expect(reason("8,SPY,A,451.44,5,-1,4,t,d,") == "field 5 (OrderCount) is negative: '-1'")
    }

    @Test("Numbers that are not numbers")
    func numbers() {
        #expect(reason("3,@ESM19,1,MD01,B,abc,65,11,2,t,d,") == "field 5 (Price) is not a number: 'abc'")
        #expect(reason("7,@ESM19,B,2938.25,6x5,11,2,t,d,") == "field 4 (Size) is not a number: '6x5'")
        #expect(
            reason("7,@ESM19,B,2938.123456789,65,11,2,t,d,")
                == "field 3 (Price) has more than 8 decimal places: '2938.123456789'"
        )
        #expect(reason("7,@ESM19,B,02938.25,65,11,2,t,d,").hasPrefix("field 3 (Price) is not a plain number"))
        #expect(reason("7,@ESM19,B,1e5,65,11,2,t,d,") == "field 3 (Price) is not a number: '1e5'")
        #expect(reason("7,@ESM19,B,,65,11,2,t,d,") == "field 3 (Price) is empty")
        #expect(reason("7,@ESM19,B,99999999999999,65,11,2,t,d,") == "field 3 (Price) is out of range: '99999999999999'")
        #expect(reason("7,@ESM19,X,1,65,11,2,t,d,") == "field 2 (Side) is not B or A: 'X'")
        #expect(
            reason("Q,AAPL,322.75,40,t,11,37629453,abc,100,322.87,100,,,,,ba,,", .level1)
                == "field 7 (Bid) is not a number: 'abc'"
        )
        #expect(reason("Z,@ES#,MD01,1,2,3,4,t,d,52,t,T,Y,F,").hasPrefix("field 12 (AskInfoValid) is not T or F"))
        #expect(reason("C,SPY,Q,,,,619.0500,15000,1,,19,", .level1) == "field 2 (Type) is not I or X: 'Q'")
    }

    @Test("Unknown types, empty lines, garbage, non-UTF-8")
    func garbage() {
        #expect(reason("X,1,2", .level1) == "unknown message type 'X' on level1 (5009)")
        #expect(reason("7,@ESM19,B,1,2,3,4,t,d,", .level1) == "unknown message type '7' on level1 (5009)")
        #expect(reason("Q,AAPL", .level2) == "unknown message type 'Q' on level2 (9200)")
        #expect(reason("ABC,DEF,1", .lookup) == "unknown message type 'DEF' after request id 'ABC' on lookup (9100)")
        #expect(reason("", .level1) == "empty line")
        #expect(reason("S", .admin) == "'S' line has 0 fields after the type code; expected at least 1 (Name)")
        #expect(reason("7,,B,1,2,3,4,t,d,") == "field 1 (Symbol) is empty")

        var parser = FeedParser()
        let binary: [UInt8] = [0x37, 0x2C, 0xFF, 0xFE, 0x00, 0x2C, 0x41]
        guard case .bad(let bad) = parser.parse(bytes: binary, port: .level2) else {
            Issue.record("binary parsed")
            return
        }
        #expect(bad.bytes == binary)
        #expect(bad.reason == "not UTF-8: byte 0xFF at offset 2")
        #expect(FeedMessage.bad(bad).encodedLine == bad.line)
        guard case .bad(let control) = parser.parse(bytes: [0x00, 0x01, 0x0D, 0x0A], port: .level1) else {
            Issue.record("control bytes parsed")
            return
        }
        #expect(control.reason == "unknown message type '\\x00\\x01' on level1 (5009)")
        #expect(control.bytes == [0x00, 0x01])
    }
}
