import Pipeline
import Testing

@Suite("Trace context and headers")
struct TraceContextTests {
    @Test("traceparent is W3C version 00 and reads back to the same run and seq")
    func roundTrip() throws {
        let trace = TraceContext(runID: 0x0123_4567_89AB_CDEF, seq: 42)
        let text = trace.traceparent
        #expect(text.count == 55)
        #expect(text.hasPrefix("00-0123456789abcdef000000000000002a-"))
        #expect(text.hasSuffix("-01"))
        #expect(trace.traceID == "0123456789abcdef000000000000002a")
        var copy = text
        let parsed = copy.withUTF8 { TraceContext(traceparent: UnsafeRawBufferPointer($0)) }
        #expect(parsed == trace)
    }

    @Test("Decimal headers: digits only, no overflow")
    func decimals() {
        func parse(_ text: String) -> Int64? {
            var text = text
            return text.withUTF8 { RawEventHeaders.decimal(UnsafeRawBufferPointer($0)) }
        }
        #expect(parse("123") == 123)
        #expect(parse("-5") == -5)
        #expect(parse("") == nil)
        #expect(parse("-") == nil)
        #expect(parse("12a") == nil)
        #expect(parse("99999999999999999999") == nil)
    }

    @Test("Pace parsing: the forms replay accepts and what it refuses")
    func pace() {
        #expect(ReplayPace("max") == .max)
        #expect(ReplayPace("1x") == .recorded)
        #expect(ReplayPace("10x") == .multiplied(10))
        #expect(ReplayPace("5000/s") == .rate(5000))
        #expect(ReplayPace("fast") == nil)
        #expect(ReplayPace("0x") == nil)
        #expect(ReplayPace("-5/s") == nil)
        #expect(ReplayPace("10x")?.description == "10x")
    }
}
