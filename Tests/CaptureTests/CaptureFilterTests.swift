import Capture
import MarketData
import Testing

@Suite("Streaming with symbol, time, resume and limit filters")
struct CaptureFilterTests {
    static let count: Int64 = 2_000
    static let all = (1...count).map(Samples.event)

    /// Runs `body` with a reader over `Samples.event(1...count)`.
    func withSampleCapture(_ body: (CaptureReader) throws -> Void) throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/c.sqlite"
            try Samples.writeCapture(at: path, count: Self.count)
            try body(CaptureReader(path: path))
        }
    }

    @Test("a symbol set passes only those symbols' events, optionally with events about no symbol")
    func symbols() throws {
        try withSampleCapture { reader in
            let wanted: Set<String> = ["AAPL", "@ESZ24", "NOPE"]
            let only = try reader.events(CaptureEventFilter(symbols: wanted))
            #expect(only == Self.all.filter { wanted.contains($0.symbol ?? "") })
            let withSystem = try reader.events(CaptureEventFilter(symbols: wanted, includesEventsWithoutSymbol: true))
            #expect(withSystem == Self.all.filter { $0.symbol.map(wanted.contains) ?? true })
            #expect(try reader.events(CaptureEventFilter(symbols: [])).isEmpty)
        }
    }

    @Test("recv_ns ranges select exactly the events inside, at every boundary")
    func timeRanges() throws {
        try withSampleCapture { reader in
            let last = Samples.recvNs(Self.count)
            let ranges: [Range<Int64>] = [
                0..<1, 0..<1_000, 1_000..<1_001, 1_000..<2_000, 1_999..<2_001, 2_000..<5_000, 500_000..<600_000,
                654_000..<654_001, last..<last + 1, last - 1..<last, last + 1..<last + 10, -100..<0,
                Int64.min..<Int64.max,
                7_000..<7_000,
            ]
            for range in ranges {
                let expected = Self.all.filter { range.contains($0.recvNs) }
                let actual = try reader.events(CaptureEventFilter(recvNs: range))
                #expect(actual == expected, "range \(range)")
            }
        }
    }

    @Test("afterSeq resumes a pass, limit pages it, and filters combine")
    func resumeAndLimit() throws {
        try withSampleCapture { reader in
            #expect(try reader.events(CaptureEventFilter(afterSeq: 1_990)) == Array(Self.all[1_990...]))
            #expect(try reader.events(CaptureEventFilter(afterSeq: Self.count)).isEmpty)
            #expect(try reader.events(CaptureEventFilter(afterSeq: Int64.max)).isEmpty)
            #expect(try reader.events(CaptureEventFilter(limit: 0)).isEmpty)

            var pages: [[CaptureEvent]] = []
            var after: Int64 = 0
            while true {
                var page: [CaptureEvent] = []
                let seen = try reader.forEachEvent(
                    startingAfter: after,
                    filter: CaptureEventFilter(symbols: ["MSFT"], limit: 100)
                ) { page.append($0.event) }
                #expect(seen == page.count)
                guard let last = page.last else { break }
                pages.append(page)
                after = last.seq
            }
            #expect(pages.flatMap { $0 } == Self.all.filter { $0.symbol == "MSFT" })
            #expect(pages.dropLast().allSatisfy { $0.count == 100 })

            let combined = CaptureEventFilter(symbols: ["AAPL"], recvNs: 100_000..<900_000, afterSeq: 500, limit: 50)
            let expected = Self.all.filter {
                $0.symbol == "AAPL" && $0.seq > 500 && (100_000..<900_000).contains($0.recvNs)
            }
            #expect(try reader.events(combined) == Array(expected.prefix(50)))
        }
    }

    @Test("an error thrown by the body stops the pass and is rethrown unchanged")
    func stopEarly() throws {
        struct Enough: Error {}
        try withSampleCapture { reader in
            var seen = 0
            #expect(throws: Enough.self) {
                try reader.forEachEvent { _ in
                    seen += 1
                    if seen == 10 { throw Enough() }
                }
            }
            #expect(seen == 10)
            let again = try reader.forEachEvent { _ in }
            #expect(again == Int(Self.count), "the reader is usable afterwards")
        }
    }

    @Test("an empty capture has no seq range, no span, no events")
    func emptyCapture() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/c.sqlite"
            try Samples.writeCapture(at: path, count: 0)
            let reader = try CaptureReader(path: path)
            #expect(try reader.eventCount() == 0)
            #expect(try reader.seqRange() == nil)
            #expect(try reader.recvNsSpan() == nil)
            #expect(try reader.events(CaptureEventFilter(recvNs: 0..<100)).isEmpty)
            #expect(try reader.events().isEmpty)
            #expect(try reader.gaps().isEmpty)
        }
    }
}
