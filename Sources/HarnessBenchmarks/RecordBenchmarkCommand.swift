import ArgumentParser
import Capture
import Feed
import Foundation
import MarketData
import SystemSupport

/// `harness-bench record`: the simulator at max pace into a real `harness record` process.
struct RecordBenchmarkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Recording throughput: the IQFeed simulator at max pace into `harness record` (run with -c release).",
        discussion: """
            Writes a source capture of --lines lines (--symbols symbols; 45% Level 1 Q, 55% Level 2 8/9 lines of
            60-90 bytes), serves it with the in-process simulator at max pace on free loopback ports, and runs the
            `harness` binary next to this one as `harness record --count N` into a new capture, --runs times. Prints
            the sustained rate (lines over the recv_ns span from the first data line to the last, as written in the
            copy), the rate over the recorder's whole run (start, handshake and finish included), and the
            recorder's peak RSS (getrusage of the child).

            Example:
              swift build -c release --product harness && swift run -c release harness-bench record --runs 3
            """
    )

    @Option(help: "Lines in the source capture.")
    var lines = 1_000_000

    @Option(help: "Symbols the lines are spread over.")
    var symbols = 8

    @Option(help: "Repetitions; the median is reported.")
    var runs = 3

    func validate() throws {
        guard lines > 0, symbols > 0, runs > 0 else {
            throw ValidationError("--lines, --symbols and --runs must be at least 1.")
        }
    }

    func run() throws {
        let harness = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("harness")
        guard FileManager.default.isExecutableFile(atPath: harness.path) else {
            throw ValidationError(
                "\(harness.path) is missing: build it first with `swift build -c release --product harness`."
            )
        }
        let folder = try TemporaryDirectory(prefix: "record-bench")
        defer { try? folder.remove() }
        let names = (0..<symbols).map { "SYM\($0)" }
        print("Record benchmark: \(lines) lines over \(symbols) symbols, \(runs) runs")
        print("machine: \(MachineInfo.summary)")
        let source = folder.path + "/source.sqlite"
        let written = Stopwatch()
        try RecordBenchmarkFeed.write(lines: lines, symbols: names, to: source)
        print(String(format: "source capture written in %.1f s", written.elapsed.seconds))

        var sustained: [Double] = []
        var whole: [Double] = []
        for run in 1...runs {
            var configuration = SimulatorConfiguration(level1Port: 0, level2Port: 0)
            configuration.pace = .max
            let simulator = try IQFeedSimulator(playback: CapturePlayback(path: source), configuration: configuration)
            simulator.start()
            defer { simulator.stop() }
            let copy = folder.path + "/copy-\(run).sqlite"
            let process = Process()
            process.executableURL = harness
            process.arguments = [
                "record", "--l1-port", "\(simulator.tcpPort(for: .level1))", "--l2-port",
                "\(simulator.tcpPort(for: .level2))", "--symbols", names.joined(separator: ","), "--count",
                "\(lines)", "--out", copy,
            ]
            process.standardError = FileHandle.nullDevice
            let clock = Stopwatch()
            try process.run()
            process.waitUntilExit()
            let elapsed = clock.elapsed.seconds
            guard process.terminationStatus == 0 else {
                throw ValidationError("harness record exited with \(process.terminationStatus) in run \(run)")
            }
            let span = try Self.dataSpan(of: copy)
            sustained.append(Double(span.lines) / span.seconds)
            whole.append(Double(span.lines) / elapsed)
            print(
                String(
                    format: "run %d: %d lines, sustained %.0f k lines/s, whole run %.0f k lines/s (%.2f s)",
                    run,
                    span.lines,
                    sustained.last! / 1000,
                    whole.last! / 1000,
                    elapsed
                )
            )
        }
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        print("\nmedian of \(runs) runs:")
        print(
            String(
                format: "  sustained   %.0f k lines/s  (data lines over their recv_ns span)",
                median(sustained) / 1000
            )
        )
        print(
            String(format: "  whole run   %.0f k lines/s  (including start, handshake, finish)", median(whole) / 1000)
        )
        print(String(format: "  peak RSS    %.1f MB  (largest recorder process)", Double(usage.ru_maxrss) / 1024))
    }

    /// Data lines in a capture and the seconds between the first and the last of them.
    private static func dataSpan(of path: String) throws -> (lines: Int, seconds: Double) {
        var first: Int64?
        var last: Int64 = 0
        var count = 0
        try CaptureReader(path: path).forEachEvent { event in
            guard event.hasSymbol else { return }
            first = first ?? event.recvNs
            last = event.recvNs
            count += 1
        }
        return (count, Double(last - (first ?? last)) / 1e9)
    }
}

/// The generated feed the record benchmark serves.
enum RecordBenchmarkFeed {
    static func write(lines: Int, symbols: [String], to path: String) throws {
        let writer = try CaptureWriter(
            path: path,
            metadata: CaptureMetadata(
                clockAnchorUnixNs: 0,
                source: "benchmark",
                symbols: symbols,
                level1Fields: Level1FieldList.default.names,
                harnessVersion: "bench"
            )
        )
        var generator = SplitMix64(seed: 1)
        for index in 0..<lines {
            let symbol = symbols[index % symbols.count]
            let cents = 10_000 + generator.below(500)
            let price = "\(cents / 100).\(cents % 100 < 10 ? "0" : "")\(cents % 100)00"
            let size = generator.below(900) + 100
            let line: String
            let port: FeedPort
            if index % 20 < 9 {
                port = .level1
                line =
                    "Q,\(symbol),\(price),\(size),09:30:00.\(100_000 + index % 900_000),11,\(index),\(price),200,"
                    + "\(price),300,,,,,Cba,3D87,"
            } else {
                port = .level2
                let side = index % 2 == 0 ? "B" : "A"
                line =
                    index % 7 == 0
                    ? "9,\(symbol),\(side),\(price),09:30:00.\(100_000 + index % 900_000),2026-11-27,"
                    : "8,\(symbol),\(side),\(price),\(size),3,4,09:30:00.\(100_000 + index % 900_000),2026-11-27,"
            }
            try writer.append(recvNs: Int64(index) * 1_000, port: port, symbol: symbol, line: line)
        }
        try writer.finish()
    }
}
