import ArgumentParser
import Capture
import Foundation
import SystemSupport

/// `harness generate`: a synthetic multi-symbol capture of IQFeed lines, the same for the same seed.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate a synthetic multi-symbol capture of IQFeed lines from a seed.",
        discussion: """
            Symbols take market depth kinds in turn: market by price (7 snapshot,
            then 8/9 level lines), market by order (6 snapshot, then 3/4/5 order
            lines) and legacy market-maker rows (Z snapshot, then 2 rows). Each
            also gets Level 1 Q lines for its trades and quote changes, with the
            book's best bid and ask, and now and then S,CLEAR DEPTH followed by a
            new snapshot. Prices walk on a 0.01 grid; books are never crossed.
            recv_ns averages --rate events per second, with bursts; recv_ns 0 is
            09:30 US/Eastern on --date. The same options give the same events.

            Examples:
              harness generate --events 1000000 --seed 42 --out /tmp/bench.sqlite
              harness generate --events 5000 --symbols AAPL,MSFT,ESU25 \\
                --seed 7 --rate 2000 --clear-depth-every 2000 \\
                --out fixtures/synthetic-3sym.sqlite
            """
    )

    @Option(help: "How many events (lines) the capture holds, exactly.")
    var events: Int

    @Option(help: "Comma-separated symbols; depth kinds go mbp, mbo, mm in this order.")
    var symbols = SyntheticCaptureConfiguration.defaultSymbols.joined(separator: ",")

    @Option(help: "The seed of every random choice.")
    var seed: UInt64 = 1

    @Option(help: "Average events per second of recv_ns time.")
    var rate: Double = 20_000

    @Option(help: "Price levels per side (market makers per book for mm symbols).")
    var depthLevels = 10

    @Option(help: "The trading day, YYYY-MM-DD.")
    var date = "2025-06-02"

    @Option(help: "On average one S,CLEAR DEPTH and new snapshot per this many events; 0 for none.")
    var clearDepthEvery = 250_000

    @Option(help: "The capture file to create; it must not exist yet.")
    var out: String

    var generation: SyntheticCaptureConfiguration {
        SyntheticCaptureConfiguration(
            symbols: symbols.split(separator: ",", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            },
            events: events,
            seed: seed,
            eventsPerSecond: rate,
            depthLevels: depthLevels,
            date: date,
            clearDepthInterval: clearDepthEvery
        )
    }

    func validate() throws {
        do {
            try generation.validate()
        } catch let error as SyntheticCaptureError {
            throw ValidationError("\(error).")
        }
        if FileManager.default.fileExists(atPath: out) {
            throw ValidationError("--out \(out) already exists; choose a new file (a capture is never overwritten).")
        }
        let folder = URL(fileURLWithPath: out).deletingLastPathComponent().path
        guard FileManager.default.isWritableFile(atPath: folder) else {
            throw ValidationError("--out \(out): the folder \(folder) does not exist or is not writable.")
        }
    }

    func run() throws {
        let configuration = generation
        var progress = ProgressLine()
        var meter = RateMeter()
        let start = MonotonicClock.nanoseconds()
        let summary = try SyntheticCapture.write(configuration, to: out, harnessVersion: HarnessVersion.current) {
            written in
            progress.update(
                "\(written) of \(configuration.events) events, \(meter.perSecond(total: written)) events/s"
            )
        }
        progress.finish()
        let seconds = Double(MonotonicClock.nanoseconds() - start) / 1e9
        let kinds = configuration.symbols.enumerated()
            .map { "\($0.element) \(configuration.depthKind(ofSymbolAt: $0.offset))" }
        Console.out(
            "generated \(summary.events) events into \(out) in \(String(format: "%.1f", seconds)) s: "
                + "level2 \(summary.level2Events), level1 \(summary.level1Events) (\(summary.trades) trades), "
                + "\(summary.clearDepthLines / 2) depth clears, "
                + String(format: "%.1f s", Double(summary.spanNanoseconds) / 1e9) + " of market time; "
                + "symbols \(kinds.joined(separator: ", ")) (\(ByteCount.sqliteFile(out)))"
        )
    }
}
