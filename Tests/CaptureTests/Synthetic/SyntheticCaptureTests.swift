import Capture
import Foundation
import MarketData
import Testing

@Suite("Synthetic captures")
struct SyntheticCaptureTests {
    @Test("every line parses with the codec, and encoding it gives the same line back")
    func everyLineParses() throws {
        let capture = try SyntheticSample.generate(SyntheticSample.configuration())
        var parser = FeedParser()
        for event in capture.events {
            let message = parser.parse(event.line, port: event.port)
            #expect(!message.isBad, "seq \(event.seq): \(event.line) → \(message)")
            #expect(message.encodedLine == event.line)
            #expect(message.symbol == event.symbol, "seq \(event.seq): \(event.line)")
        }
    }

    @Test(
        "the capture holds exactly the requested events, seq 1 to N, recv_ns never decreasing",
        arguments: [1, 7, 150, 20_000]
    )
    func exactCount(events: Int) throws {
        let capture = try SyntheticSample.generate(SyntheticSample.configuration(events: events))
        #expect(capture.events.count == events)
        #expect(capture.summary.events == events)
        #expect(capture.events.map(\.seq) == Array(1...Int64(events)))
        #expect(zip(capture.events, capture.events.dropFirst()).allSatisfy { $0.recvNs <= $1.recvNs })
        #expect(capture.summary.spanNanoseconds == capture.events.last?.recvNs)
        #expect(capture.summary.level1Events + capture.summary.level2Events == events)
    }

    @Test("recv_ns averages the configured rate")
    func rate() throws {
        var configuration = SyntheticSample.configuration(events: 20_000)
        configuration.eventsPerSecond = 5_000
        let capture = try SyntheticSample.generate(configuration)
        let seconds = Double(capture.summary.spanNanoseconds) / 1e9
        #expect(abs(seconds - 4) < 0.4, "20,000 events at 5,000/s took \(seconds) s")
    }

    @Test("the same configuration gives the same events; another seed gives others")
    func determinism() throws {
        let configuration = SyntheticSample.configuration(events: 8_000, seed: 42)
        let first = try SyntheticSample.generate(configuration)
        let second = try SyntheticSample.generate(configuration)
        #expect(first.events == second.events)
        #expect(first.summary == second.summary)
        #expect(first.metadata == second.metadata)
        let other = try SyntheticSample.generate(SyntheticSample.configuration(events: 8_000, seed: 43))
        #expect(other.events.map(\.line) != first.events.map(\.line))
        #expect(other.events.map(\.recvNs) != first.events.map(\.recvNs))
    }

    @Test("every symbol appears with its depth kind's lines, trades and quotes; depth is cleared and rebuilt")
    func depthKinds() throws {
        let configuration = SyntheticSample.configuration()
        let capture = try SyntheticSample.generate(configuration)
        var codes: [String: Set<String>] = [:]
        for event in capture.events {
            codes[event.symbol ?? "", default: []].insert(SyntheticSample.typeCode(event.line))
        }
        #expect(codes[""] == ["T"])
        let expected: [SyntheticDepthKind: Set<String>] = [
            .marketByPrice: ["7", "8", "9"], .marketByOrder: ["6", "3", "4", "5"], .marketMaker: ["Z", "2"],
        ]
        let allDepth = expected.values.reduce(Set<String>()) { $0.union($1) }
        for (index, symbol) in configuration.symbols.enumerated() {
            let kind = configuration.depthKind(ofSymbolAt: index)
            #expect(kind == SyntheticDepthKind.allCases[index % 3])
            let symbolCodes = codes[symbol] ?? []
            #expect(symbolCodes.isSuperset(of: expected[kind]!.union(["Q"])), "\(symbol) (\(kind)): \(symbolCodes)")
            #expect(symbolCodes.intersection(allDepth) == expected[kind], "\(symbol) (\(kind)): \(symbolCodes)")
        }
        #expect(capture.summary.clearDepthLines >= 8)
        #expect(capture.summary.clearDepthLines % 2 == 0)
        #expect(capture.summary.trades > capture.events.count / 20)
        let seconds = Int(capture.summary.spanNanoseconds / 1_000_000_000) + 1
        #expect((2 * seconds - 1...2 * seconds).contains(capture.summary.timestampLines))
    }

    @Test("metadata: source, symbols, default Level 1 fields, clock anchor at 09:30 US/Eastern, the configuration")
    func metadata() throws {
        let configuration = SyntheticSample.configuration(events: 500)
        let capture = try SyntheticSample.generate(configuration)
        let metadata = capture.metadata
        #expect(metadata.source == "synthetic seed 7")
        #expect(metadata.symbols == SyntheticCaptureConfiguration.defaultSymbols)
        #expect(metadata.level1Fields == Level1FieldList.default.names)
        #expect(metadata.clockAnchorUnixNs == 1_748_871_000 * 1_000_000_000)  // 2025-06-02T13:30:00Z
        #expect(metadata.harnessVersion == "test")
        let description = try #require(metadata.extra[SyntheticCapture.configurationKey])
        #expect(description.contains("seed=7"))
        #expect(description.contains("kinds=AAPL:mbp,MSFT:mbo,NVDA:mm,AMZN:mbp"))
        #expect(capture.events.first?.line == "T,20250602 09:30:00")
        let firstDepthLine = try #require(capture.events.first { $0.port == .level2 && $0.symbol != nil })
        #expect(firstDepthLine.line.hasSuffix(",09:30:00.000000,2025-06-02,"))
    }

    @Test("market time crosses midnight into the next day's date")
    func nextDay() throws {
        var configuration = SyntheticSample.configuration(events: 3_000)
        configuration.eventsPerSecond = 0.05
        let capture = try SyntheticSample.generate(configuration)
        #expect(capture.events.contains { $0.line.hasPrefix("T,20250603 ") })
        #expect(capture.events.contains { $0.line.hasSuffix(",2025-06-03,") })
    }

    @Test(
        "a configuration that cannot be generated is refused before any file is made",
        arguments: [
            SyntheticCaptureConfiguration(symbols: [], events: 10),
            SyntheticCaptureConfiguration(symbols: ["AAPL", "AAPL"], events: 10),
            SyntheticCaptureConfiguration(symbols: ["AA PL"], events: 10),
            SyntheticCaptureConfiguration(symbols: ["A,B"], events: 10),
            SyntheticCaptureConfiguration(events: 0),
            SyntheticCaptureConfiguration(events: 10, eventsPerSecond: 0),
            SyntheticCaptureConfiguration(events: 10, eventsPerSecond: .infinity),
            SyntheticCaptureConfiguration(events: 1_000_000, eventsPerSecond: 0.001),
            SyntheticCaptureConfiguration(events: 10, depthLevels: 0),
            SyntheticCaptureConfiguration(events: 10, date: "2025-02-30"),
            SyntheticCaptureConfiguration(events: 10, clearDepthInterval: -1),
        ]
    )
    func refusesBadConfigurations(configuration: SyntheticCaptureConfiguration) throws {
        try withTemporaryDirectory { folder in
            let path = folder + "/synthetic.sqlite"
            #expect(throws: SyntheticCaptureError.self) {
                try SyntheticCapture.write(configuration, to: path, harnessVersion: "test")
            }
            #expect(!FileManager.default.fileExists(atPath: path))
        }
    }

    @Test("an existing file is never overwritten")
    func neverOverwrites() throws {
        try withTemporaryDirectory { folder in
            let path = folder + "/synthetic.sqlite"
            try Data("keep".utf8).write(to: URL(fileURLWithPath: path))
            let error = #expect(throws: CaptureError.self) {
                try SyntheticCapture.write(SyntheticSample.configuration(events: 10), to: path, harnessVersion: "test")
            }
            #expect(error?.kind == .alreadyExists)
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data("keep".utf8))
        }
    }

    @Test("progress is reported, ending with the total")
    func progress() throws {
        try withTemporaryDirectory { folder in
            var reports: [Int] = []
            _ = try SyntheticCapture.write(
                SyntheticSample.configuration(events: 120_000),
                to: folder + "/synthetic.sqlite",
                harnessVersion: "test"
            ) { reports.append($0) }
            #expect(reports.count == 2)
            #expect(reports.first.map { (100_000..<100_100).contains($0) } == true)
            #expect(reports.last == 120_000)
        }
    }
}
