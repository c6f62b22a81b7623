import Capture
import Foundation
import MarketData
import Testing

@Suite("LOBSTER import")
struct LobsterImportTests {
    /// Imports the sample, rebuilds the book from the capture's Level 2 lines with the codec and the price-level book,
    /// and returns, for top 1, 5 and 10, the rows whose levels match the true book exactly.
    private func matchingRows() throws -> (summary: LobsterImportSummary, top: [Int: [Int]], trades: Int) {
        try withTemporaryDirectory { folder in
            let path = folder + "/lobster.sqlite"
            let summary = try LobsterImport(
                messagesPath: LobsterSample.messages,
                orderBookPath: LobsterSample.orderBook,
                symbol: "AAPL",
                date: "2012-06-21"
            ).write(to: path, harnessVersion: "test")
            var levelLines: [FeedMessage] = []
            var trades = 0
            var parser = FeedParser()
            try CaptureReader(path: path).forEachEvent { event in
                let message = event.withLineBytes { parser.parse($0, port: event.port) }
                #expect(!message.isBad, "seq \(event.seq): \(message)")
                #expect(event.symbol == "AAPL")
                if event.port == .level2 { levelLines.append(message) } else { trades += 1 }
            }
            let types = try LobsterSample.messageTypes()
            let truth = try LobsterSample.books()
            var book = PriceLevelBook()
            var next = levelLines.makeIterator()
            var top: [Int: [Int]] = [1: [], 5: [], 10: []]
            for row in 0..<truth.count {
                if row == 0 {
                    for _ in 0..<(truth[0].bids.count + truth[0].asks.count) { _ = book.apply(next.next()!) }
                } else if (1...4).contains(types[row]) {
                    let line = next.next()
                    let applied = line.map { book.apply($0) } ?? false
                    #expect(applied, "message \(row) has a level line the book takes")
                }
                for depth in [1, 5, 10]
                where levels(book, depth) == (
                    Array(truth[row].bids.prefix(depth)), Array(truth[row].asks.prefix(depth))
                ) {
                    top[depth]!.append(row)
                }
            }
            #expect(next.next() == nil, "every level line belongs to a message")
            return (summary, top, trades)
        }
    }

    private func levels(_ book: PriceLevelBook, _ depth: Int) -> ([LobsterSample.Level], [LobsterSample.Level]) {
        func convert(_ side: BookSide) -> [LobsterSample.Level] {
            book.levels(side, limit: depth).map {
                LobsterSample.Level(price: $0.price.units / (Price.unitsPerWhole / 10_000), size: $0.size)
            }
        }
        return (convert(.bid), convert(.ask))
    }

    @Test("a straight replay of the import matches the true book on exactly the documented rows")
    func rebuildsTheBook() throws {
        let (summary, top, trades) = try matchingRows()
        let unmatchedBest = Array(440...470) + Array(474...486)
        #expect(top[1] == (0..<500).filter { !unmatchedBest.contains($0) })
        #expect(top[1]!.count == 456)
        #expect(top[5]!.count == 161)
        #expect(top[10]!.count == 109)
        #expect(summary.messages == 500)
        #expect(summary.snapshotLines == 20)
        #expect(summary.levelLines + summary.snapshotLines == 494)
        #expect(summary.tradeLines == trades)
        #expect(summary.spanNanoseconds == 15_200_219_195)
    }

    @Test("executions become trade lines with running volume and the book's best bid and ask")
    func tradeLines() throws {
        try withTemporaryDirectory { folder in
            let path = folder + "/lobster.sqlite"
            _ = try LobsterImport(
                messagesPath: LobsterSample.messages,
                orderBookPath: LobsterSample.orderBook,
                symbol: "AAPL",
                date: "2012-06-21"
            ).write(to: path, harnessVersion: "test")
            let reader = try CaptureReader(path: path)
            var parser = FeedParser()
            var updates: [Level1Update] = []
            try reader.forEachEvent { event in
                if event.port == .level1, case .level1(let update) = parser.parse(event.line, port: .level1) {
                    updates.append(update)
                }
            }
            let first = try #require(updates.first)
            #expect(first.symbol == "AAPL")
            #expect(first.messageContents == "C")
            let volumes = updates.compactMap(\.totalVolume)
            #expect(volumes.count == updates.count)
            #expect(volumes == volumes.sorted())
            #expect(zip(updates, updates.dropFirst()).allSatisfy { $1.totalVolume! - $0.totalVolume! == $1.lastSize! })
            #expect(reader.metadata.clockAnchorUnixNs == 1_340_285_400_004_241_176)
            var recvNs: [Int64] = []
            try reader.forEachEvent { recvNs.append($0.recvNs) }
            #expect(recvNs[0] == 0 && recvNs[20] == 19_464, "message 1 came 19,464 ns after message 0")
            #expect(recvNs.last == 15_200_219_195, "the last message (a hidden execution) at 34215.204460371")
            #expect(reader.metadata.source.hasPrefix("lobster "))
        }
    }

    @Test("bad LOBSTER input names the file and line, and leaves no capture behind")
    func badInput() throws {
        try withTemporaryDirectory { folder in
            let messages = folder + "/messages.csv"
            try "34200.1,1,1,100,5853300,1\n34200.2,9,1,100,5853300,1\n".write(
                toFile: messages,
                atomically: true,
                encoding: .utf8
            )
            let out = folder + "/out.sqlite"
            let importer = LobsterImport(
                messagesPath: messages,
                orderBookPath: LobsterSample.orderBook,
                symbol: "AAPL",
                date: "2012-06-21"
            )
            let error = try #require(throws: LobsterImportError.self) {
                try importer.write(to: out, harnessVersion: "t")
            }
            #expect(error.description == "\(messages):2: type '9' is not a LOBSTER event type (1-7)")
            #expect(!FileManager.default.fileExists(atPath: out))
            for row in [
                "34200.2,1,1,100,999999999999999999,1", "34200.2,1,1,9223372036854775807,5853300,1",
                "34200.+5,1,1,1,1,1",
            ] {
                try "34200.1,1,1,100,5853300,1\n\(row)\n".write(toFile: messages, atomically: true, encoding: .utf8)
                #expect(throws: LobsterImportError.self, "\(row)") { try importer.write(to: out, harnessVersion: "t") }
                #expect(!FileManager.default.fileExists(atPath: out))
            }
            #expect(throws: LobsterImportError.self) {
                try LobsterImport(
                    messagesPath: messages,
                    orderBookPath: LobsterSample.orderBook,
                    symbol: "AAPL",
                    date: "2012-13-01"
                )
                .write(to: out, harnessVersion: "t")
            }
        }
    }
}
