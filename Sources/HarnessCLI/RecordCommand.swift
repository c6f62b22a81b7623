import ArgumentParser
import Capture
import Feed
import Foundation
import MarketData
import SystemSupport

/// `harness record`: records a live IQFeed (or the simulator) into a capture file.
struct RecordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Record IQFeed Level 1 and Level 2 lines into a capture file.",
        discussion: """
            Connects to IQConnect's Level 1 port (and Level 2 unless --depth none), sets protocol 6.2, selects the
            default Level 1 fields, watches the symbols and writes every line it receives, as received, into a new
            capture file (SQLite). Lost connections are retried with backoff; each outage is stored as a gap.
            Ctrl-C finishes the file cleanly. A recorder killed outright loses at most its last ~100 ms batch.

            Stops after --duration, after --count lines about a symbol, or on Ctrl-C.

            Examples:
              harness record --symbols AAPL,MSFT --duration 10m --out fixtures/session.sqlite
              harness record --iqfeed 10.0.0.5 --symbols @ESZ26 --depth mbo --count 100000 --out es.sqlite
              harness simulate --capture fixtures/lobster-aapl.sqlite --l1-port 0 --l2-port 0 &
              harness record --l1-port 5010 --l2-port 9201 --symbols AAPL --out copy.sqlite
            """
    )

    @Option(name: .customLong("iqfeed"), help: "Host running IQConnect.")
    var host = "127.0.0.1"

    @Option(name: .customLong("l1-port"), help: "Level 1 port.")
    var level1Port = FeedPort.level1.rawValue

    @Option(name: .customLong("l2-port"), help: "Level 2 port.")
    var level2Port = FeedPort.level2.rawValue

    @Option(help: "Comma-separated symbols to watch, e.g. AAPL,MSFT.")
    var symbols: String

    @Option(help: "Market depth to watch on Level 2: mbp (by price level), mbo (by order) or none.")
    var depth: IQFeedClientConfiguration.Depth = .mbp

    @Option(help: "Stop after this long, e.g. 30s, 10m, 2h.")
    var duration: DurationArgument?

    @Option(help: "Stop after this many lines about a symbol (heartbeats and system lines do not count).")
    var count: Int?

    @Option(help: "The capture file to create; it must not exist yet.")
    var out: String

    var symbolList: [String] {
        symbols.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func validate() throws {
        guard !symbolList.isEmpty else {
            throw ValidationError("--symbols is empty; give at least one symbol, e.g. --symbols AAPL,MSFT.")
        }
        if let bad = symbolList.first(where: { $0.contains(where: { $0 == "," || $0.isWhitespace }) }) {
            throw ValidationError("--symbols: '\(bad)' is not a symbol.")
        }
        if let count, count <= 0 {
            throw ValidationError("--count must be a positive number of lines, got \(count).")
        }
        for (flag, port) in [("--l1-port", level1Port), ("--l2-port", level2Port)] where !(1...65535).contains(port) {
            throw ValidationError("\(flag) must be a TCP port between 1 and 65535, got \(port).")
        }
        if FileManager.default.fileExists(atPath: out) {
            throw ValidationError("--out \(out) already exists; choose a new file (a capture is never overwritten).")
        }
        let folder = URL(fileURLWithPath: out).deletingLastPathComponent().path
        guard FileManager.default.isWritableFile(atPath: folder) else {
            throw ValidationError("--out \(out): the folder \(folder) does not exist or is not writable.")
        }
    }

    func run() async throws {
        let stop = SignalWaiter(signals: [SIGINT, SIGTERM])
        var configuration = IQFeedClientConfiguration(host: host, symbols: symbolList, depth: depth)
        configuration.level1Port = level1Port
        configuration.level2Port = level2Port
        let anchor = MonotonicClock.nanoseconds()
        let metadata = CaptureMetadata(
            clockAnchorUnixNs: MonotonicClock.unixNanoseconds(),
            source: "iqfeed \(host):\(level1Port)",
            symbols: symbolList,
            level1Fields: configuration.level1Fields,
            harnessVersion: HarnessVersion.current
        )
        let writer = try CaptureWriter(path: out, metadata: metadata)
        let recorder = FeedRecorder(writer: writer, anchorNanoseconds: anchor, dataLineLimit: count)
        let client = IQFeedClient(configuration: configuration, sink: recorder)
        Console.error(
            "recording \(symbolList.joined(separator: ",")) from \(host) (level1 \(level1Port)"
                + (depth == .none ? "" : ", level2 \(level2Port) \(depth.rawValue)") + ") into \(out)"
        )
        client.start()
        let ending = watch(recorder, until: stop)
        client.stop()
        for notice in recorder.takeNotices() { Console.error(notice) }
        let selfContained = try recorder.finish()
        if !selfContained {
            Console.error(
                "note: another program was reading \(out) as recording ended, so it stays in WAL mode: \(out)-wal "
                    + "is part of the capture; copy or move the two files together."
            )
        }
        let statistics = recorder.statistics
        if let failure = statistics.failure {
            guard statistics.lines > 0 else {
                try? FileManager.default.removeItem(atPath: out)
                throw RecordingFailed(message: failure + " Nothing was recorded; \(out) was not kept.")
            }
            report(statistics, ending: ending, elapsed: MonotonicClock.nanoseconds() - anchor)
            throw RecordingFailed(message: failure + " The lines recorded until then are in \(out).")
        }
        report(statistics, ending: ending, elapsed: MonotonicClock.nanoseconds() - anchor)
        if case .noKnownSymbols = ending {
            try? FileManager.default.removeItem(atPath: out)
            throw BadInput(
                "IQFeed knows none of --symbols \(symbolList.joined(separator: ",")) (it answered n,SYMBOL for each); "
                    + "check the symbols (IQFeed's own names, e.g. @ESZ26 for futures). \(out) was not kept."
            )
        }
        if case .signal = ending, duration != nil || count != nil {
            throw ExitCode(HarnessExitCode.interrupted.rawValue)
        }
    }

    private enum Ending {
        case limit
        case signal(Int32)
        case failed
        case noKnownSymbols
    }

    /// Shows progress every 250 ms until the duration or count is reached, recording fails, or a signal arrives.
    private func watch(_ recorder: FeedRecorder, until stop: SignalWaiter) -> Ending {
        let deadline = duration.map { MonotonicClock.deadline(after: $0.duration.nanoseconds) }
        var progress = ProgressLine()
        var rate = RateMeter()
        defer { progress.finish() }
        while true {
            if let number = stop.caught { return .signal(number) }
            if recorder.waitUntilDone(timeout: .milliseconds(100)) {
                return recorder.statistics.failure == nil ? .limit : .failed
            }
            if let deadline, MonotonicClock.nanoseconds() >= deadline { return .limit }
            recorder.commitIfDue()
            for notice in recorder.takeNotices() {
                progress.finish()
                Console.error(notice)
            }
            let statistics = recorder.statistics
            // Level 1 is where IQFeed says whether a symbol exists (Level 2 may lack depth for a real symbol).
            if statistics.dataLines == 0, Set(symbolList).isSubset(of: statistics.unknownSymbols[.level1] ?? []) {
                return .noKnownSymbols
            }
            progress.update(
                "\(statistics.lines) lines, \(rate.perSecond(total: statistics.lines)) lines/s, "
                    + "\(statistics.symbols.count) symbols, \(statistics.gaps) gaps, \(ByteCount.sqliteFile(out))"
            )
        }
    }

    private func report(_ statistics: RecorderStatistics, ending: Ending, elapsed: Int64) {
        let seconds = Double(elapsed) / 1e9
        let ports = statistics.linesPerPort.sorted { $0.key.rawValue < $1.key.rawValue }
            .map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        let why: String
        switch ending {
        case .limit: why = count.map { _ in "count reached" } ?? "duration reached"
        case .signal(let number): why = number == SIGINT ? "stopped by Ctrl-C" : "stopped by SIGTERM"
        case .failed: why = "failed"
        case .noKnownSymbols: why = "stopped: IQFeed knows none of the symbols"
        }
        Console.error(
            "\(why): \(statistics.lines) lines (\(statistics.dataLines) market data; \(ports)), "
                + "\(statistics.symbols.count) symbols, \(statistics.gaps) gaps in \(String(format: "%.1f", seconds)) s"
                + " → \(out) (\(ByteCount.sqliteFile(out)))"
        )
    }
}

/// Recording stopped because the feed or the file failed.
struct RecordingFailed: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

extension IQFeedClientConfiguration.Depth: ExpressibleByArgument {}
