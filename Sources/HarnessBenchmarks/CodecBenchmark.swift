import ArgumentParser
import Foundation
import MarketData
import SystemSupport

/// `harness-bench codec`: IQFeed line parsing throughput on one core, on a realistic mix of Level 1 and Level 2 lines,
/// with `FeedLine.symbolRange` (what the recorder does per line) as a second figure.
struct CodecBenchmarkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "codec",
        abstract: "IQFeed line codec throughput on a realistic mix (run with -c release).",
        discussion: """
            Builds the mix in memory (one buffer of CR LF terminated lines, as a receive buffer holds them), then
            parses every line with one FeedParser, --runs times; prints lines/s per run and the median. The mix is
            45% Q (default 16-field list), 5% P, 25% market-by-price (7/8/9), 20% market-by-order (3/4/5), 3% T,
            2% S. Single-threaded; on a shared machine compare figures from one run of this command.

            Example:
              swift run -c release harness-bench codec --lines 2000000 --runs 5
            """
    )

    @Option(help: "Lines in the mix, parsed once per run.")
    var lines = 2_000_000

    @Option(help: "Repetitions; the median is reported.")
    var runs = 5

    func validate() throws {
        guard lines > 0 else { throw ValidationError("--lines must be at least 1, not \(lines).") }
        guard runs > 0 else { throw ValidationError("--runs must be at least 1, not \(runs).") }
    }

    func run() throws {
        print("Codec benchmark: \(lines) lines per run, \(runs) runs, one core")
        print("machine: \(MachineInfo.summary)")
        let mix = CodecBenchmarkMix(count: lines)
        print("mix: \(mix.summary)")

        var parseRates = [Double]()
        var symbolRates = [Double]()
        for run in 1...runs {
            let (parseRate, bad) = mix.parseAll()
            let symbolRate = mix.findSymbols()
            parseRates.append(parseRate)
            symbolRates.append(symbolRate)
            let badNote = bad > 0 ? " (\(bad) bad lines!)" : ""
            print(
                "run \(run): parse \(Self.format(parseRate))\(badNote), FeedLine.symbolRange \(Self.format(symbolRate))"
            )
        }
        print("\nmedian of \(runs) runs, lines/s:")
        print("  parse              \(Self.format(median(parseRates)))  FeedParser.parse into FeedMessage")
        print("  symbol             \(Self.format(median(symbolRates)))  FeedLine.symbolRange, no parse")
    }

    private static func format(_ rate: Double) -> String {
        String(format: "%.2f M", rate / 1_000_000)
    }
}

/// The benchmark's lines: one buffer, as a receive buffer holds them, and where each line is.
private struct CodecBenchmarkMix {
    /// Every line followed by `\r\n`.
    let buffer: [UInt8]
    /// Each line's bytes in `buffer` (without `\r\n`) and port.
    let lines: [(range: Range<Int>, port: FeedPort)]
    let summary: String

    init(count: Int) {
        var random = SplitMix64(seed: 2024)
        let symbols = [
            "AAPL", "MSFT", "NVDA", "AMZN", "GOOGL", "META", "TSLA", "SPY", "QQQ", "IWM", "AMD", "NFLX", "JPM", "BAC",
            "XOM", "@ESZ24", "@NQZ24", "@YMZ24", "@CLF25", "@GCG25", "BRK.B", "EURUSD.FXCM", "INTC", "ORCL", "CRM",
        ]
        var buffer = [UInt8]()
        buffer.reserveCapacity(count * 80)
        var lines = [(range: Range<Int>, port: FeedPort)]()
        lines.reserveCapacity(count)
        var kinds = [String: Int]()
        for _ in 0..<count {
            let symbol = symbols[Int(random.next() % UInt64(symbols.count))]
            let cents = 10_000 + Int(random.next() % 50_000)
            let price = "\(cents / 100).\(String(cents % 100).leftPadded(2))00"
            let size = 1 + Int(random.next() % 900)
            let micros = Int(random.next() % 1_000_000)
            let time =
                "14:\(10 + Int(random.next() % 50)):\(10 + Int(random.next() % 50)).\(String(micros).leftPadded(6))"
            let side = random.next() % 2 == 0 ? "B" : "A"
            let orderID = 100_000_000 + Int(random.next() % 900_000_000)
            let roll = Int(random.next() % 100)
            let (kind, port, line): (String, FeedPort, String) =
                switch roll {
                case 0..<45:
                    (
                        "Q", .level1,
                        "Q,\(symbol),\(price),\(size),\(time),11,\(1_000_000 + micros * 7),\(price),\(size),\(price),"
                            + "\(size + 100),312.6000,318.4000,312.1900,308.9500,\(roll % 2 == 0 ? "Cbav" : "ba"),3D87,"
                    )
                case 45..<50:
                    (
                        "P", .level1,
                        "P,\(symbol),\(price),\(size),\(time),19,\(micros * 11),\(price),100,\(price),100,,,,"
                            + "187.9700,Cbacv,8801,2,17"
                    )
                case 50..<55:
                    ("7", .level2, "7,\(symbol),\(side),\(price),\(size),\(size % 20),4,\(time),2024-11-15,")
                case 55..<70:
                    ("8", .level2, "8,\(symbol),\(side),\(price),\(size),\(size % 20),4,\(time),2024-11-15,")
                case 70..<75:
                    ("9", .level2, "9,\(symbol),\(side),\(price),\(time),2024-11-15,")
                case 75..<83:
                    ("3", .level2, "3,\(symbol),\(orderID),,\(side),\(price),\(size),\(micros),4,\(time),2024-11-15,")
                case 83..<89:
                    ("4", .level2, "4,\(symbol),,NSDQ,\(side),\(price),\(size),,4,\(time),2024-11-15,")
                case 89..<95:
                    ("5", .level2, "5,\(symbol),\(orderID),,\(side),\(time),2024-11-15,")
                case 95..<98:
                    ("T", .level1, "T,20241115 14:\(10 + micros % 50):\(10 + micros % 49)")
                default:
                    ("S", .level2, micros % 2 == 0 ? "S,SERVER CONNECTED" : "S,CLEAR DEPTH,\(symbol),\(side),")
                }
            kinds[kind, default: 0] += 1
            let start = buffer.count
            buffer.append(contentsOf: line.utf8)
            lines.append((start..<buffer.count, port))
            buffer.append(contentsOf: [0x0D, 0x0A])
        }
        self.buffer = buffer
        self.lines = lines
        let averageLength = (buffer.count - 2 * count) / count
        let shares = kinds.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value * 100 / count)%" }
            .joined(separator: ", ")
        summary = "\(shares); \(averageLength) B per line on average, \(symbols.count) symbols"
    }

    /// Parses every line once; the rate and how many were bad.
    func parseAll() -> (rate: Double, bad: Int) {
        var parser = FeedParser()
        var bad = 0
        var checksum = 0
        let stopwatch = Stopwatch()
        buffer.withUnsafeBufferPointer { bytes in
            for (range, port) in lines {
                switch parser.parse(UnsafeBufferPointer(rebasing: bytes[range]), port: port) {
                case .bad: bad += 1
                case .level1(let update): checksum &+= update.bidSize ?? 0
                case .priceLevel(let level): checksum &+= level.size
                default: checksum &+= 1
                }
            }
        }
        let rate = stopwatch.rate(lines.count)
        precondition(checksum != 0)
        return (rate, bad)
    }

    /// Finds every line's symbol once; the rate.
    func findSymbols() -> Double {
        var checksum = 0
        let stopwatch = Stopwatch()
        buffer.withUnsafeBufferPointer { bytes in
            for (range, port) in lines {
                checksum &+=
                    FeedLine.symbolRange(in: UnsafeBufferPointer(rebasing: bytes[range]), port: port)?.count ?? 0
            }
        }
        let rate = stopwatch.rate(lines.count)
        precondition(checksum != 0)
        return rate
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
