import ArgumentParser
import Capture
import Foundation
import SystemSupport

/// `harness-bench pipeline`: the whole pipeline (`harness replay`) at max pace and at 1x, with the hand-rolled
/// `sqlite3 | kcat` copy as the peer.
struct PipelineBenchmarkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pipeline",
        abstract: "End-to-end pipeline throughput, memory and pacing through `harness replay` (run with -c release).",
        discussion: """
            Generates a synthetic capture of --events events over 8 symbols (SyntheticCapture, seed 42) and one of
            --paced-rate events/s over --paced-seconds, then, --runs times: replays the first at max pace with the
            `harness` binary next to this one (`harness replay CAPTURE --speed max`, every default: embedded 3-broker
            Kafka with 6 partitions, SQLite sink, managed redis-server, every event traced and audited) in a child
            process; copies the same capture by hand through a standalone `harness kafka-cluster` with sqlite3 and
            kcat (the peer; it and the pipeline take turns going first); and replays the paced capture at 1x.
            Medians are printed, and the ratio is the median of per-run ratios.

            Max pace: stored events over the time from the first publish stamp to the last stored batch (read from
            the run's sink), the whole run as `harness replay` reports it (start, consumer group join, drain and
            stop), and the replay process's peak RSS (wait4). 1x: lateness of sends against the schedule and final
            drift (from the summary), end-to-end latency received → stored (the audit's end_to_end stage).
            --large also replays a --large-events capture once, to show that memory stays flat.

            Progress goes to standard error, results to standard output. Noise between runs on a shared 2-core
            machine is large: compare figures from one run of this command.

            Example:
              swift build -c release --product harness && swift run -c release harness-bench pipeline --runs 3
            """
    )

    @Option(help: "Events in the max-pace capture.")
    var events = 1_000_000

    @Option(help: "Repetitions; the median is reported.")
    var runs = 3

    @Flag(help: "Skip the hand-rolled sqlite3 | kcat peer.")
    var skipPeer = false

    @Flag(help: "Skip the 1x-pace replay.")
    var skipPaced = false

    @Flag(help: "Also replay a --large-events capture once at max pace (peak RSS should stay flat).")
    var large = false

    @Option(help: "Events in the --large capture.")
    var largeEvents = 5_000_000

    @Option(help: "Average events per second of the 1x capture.")
    var pacedRate = 2_000

    @Option(help: "Seconds of market time in the 1x capture.")
    var pacedSeconds = 60

    static let targetRate = 250_000.0
    static let targetRSSBytes = 300_000_000
    static let targetLatenessP99Ms = 1.0
    static let targetDriftMs = 1.0
    static let targetEndToEndP99Ms = 50.0

    func validate() throws {
        guard events > 0, runs > 0, largeEvents > 0, pacedRate > 0, pacedSeconds > 0 else {
            throw ValidationError(
                "--events, --runs, --large-events, --paced-rate and --paced-seconds must be at least 1."
            )
        }
    }

    func run() throws {
        let harness = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("harness").path
        guard FileManager.default.isExecutableFile(atPath: harness) else {
            throw ValidationError(
                "\(harness) is missing: build it first with `swift build -c release --product harness`."
            )
        }
        if !skipPeer, let missing = HandRolledReplay.toolsMissing.first {
            throw ValidationError("the peer needs \(missing) (apt-get install sqlite3 kcat), or pass --skip-peer.")
        }
        let folder = try TemporaryDirectory(prefix: "pipeline-bench")
        defer { try? folder.remove() }
        print("Pipeline benchmark: \(events) events at max pace, \(runs) run\(runs == 1 ? "" : "s")")
        print("machine: \(MachineInfo.summary)")
        print("pipeline: \(harness) replay CAPTURE --speed max|1x (embedded 3-broker Kafka, SQLite sink, Redis)")
        let capture = try Self.generate(events: events, rate: 20_000, folder: folder.path, name: "max")
        let paced =
            skipPaced
            ? nil
            : try Self.generate(
                events: pacedRate * pacedSeconds,
                rate: Double(pacedRate),
                folder: folder.path,
                name: "paced"
            )
        if !skipPeer {
            let commands = HandRolledReplay.commands(capture: "CAPTURE", copy: "COPY", bootstrap: "BOOTSTRAP")
            print("peer: \(commands.produce)")
            print("      then \(commands.consume)")
            print("      against `harness kafka-cluster --brokers 3 --partitions \(HandRolledReplay.partitions)`")
        }

        /// One `harness replay` in a child process; its run folder is removed once measured.
        func replay(_ capture: String, speed: String, name: String) throws -> PipelineReplayMeasurement {
            defer { try? FileManager.default.removeItem(atPath: folder.path + "/" + name) }
            return try PipelineReplayMeasurement.run(
                harness: harness,
                capture: capture,
                speed: speed,
                folder: folder.path,
                name: name
            )
        }
        var maxPace: [PipelineReplayMeasurement] = []
        var peers: [HandRolledReplay.Result] = []
        var pacedRuns: [PipelineReplayMeasurement] = []
        for run in 1...runs {
            let pipeline = {
                Self.progress("run \(run): harness replay at max pace")
                maxPace.append(try replay(capture, speed: "max", name: "max-\(run)"))
            }
            let peer = {
                guard !skipPeer else { return }
                Self.progress("run \(run): hand-rolled sqlite3 | kcat copy")
                peers.append(
                    try HandRolledReplay(harness: harness, capture: capture, folder: folder.path).run(number: run)
                )
                try? FileManager.default.removeItem(atPath: folder.path + "/peer-\(run).sqlite")
            }
            // Take turns going first, so neither side always gets the cooler machine.
            if run % 2 == 1 {
                try pipeline()
                try peer()
            } else {
                try peer()
                try pipeline()
            }
            if let paced {
                Self.progress("run \(run): harness replay at 1x (\(pacedSeconds) s)")
                pacedRuns.append(try replay(paced, speed: "1x", name: "paced-\(run)"))
            }
            print(Self.runLine("run \(run)", maxPace.last!, peers.last, pacedRuns.last))
        }

        var largeRun: PipelineReplayMeasurement?
        if large {
            try? FileManager.default.removeItem(atPath: capture)
            let largeCapture = try Self.generate(events: largeEvents, rate: 20_000, folder: folder.path, name: "large")
            Self.progress("large: harness replay of \(largeEvents) events at max pace")
            let measured = try replay(largeCapture, speed: "max", name: "large")
            print(Self.runLine("large", measured, nil, nil))
            largeRun = measured
        }
        PipelineBenchmarkReport(
            events: events,
            runs: runs,
            maxPace: maxPace,
            peers: peers,
            paced: pacedRuns,
            large: largeRun
        ).print()
    }

    /// Writes a synthetic capture over the default 8 symbols into `folder/name.sqlite`.
    static func generate(events: Int, rate: Double, folder: String, name: String) throws -> String {
        let path = folder + "/\(name).sqlite"
        progress("generating \(events) events at \(Int(rate)) events/s into \(path)")
        let watch = Stopwatch()
        let summary = try SyntheticCapture.write(
            SyntheticCaptureConfiguration(events: events, seed: 42, eventsPerSecond: rate),
            to: path,
            harnessVersion: "bench"
        )
        print(
            String(
                format: "capture %@: %d events over %.1f s of market time (%d level 1, %d level 2), written in %.1f s",
                name,
                summary.events,
                Double(summary.spanNanoseconds) / 1e9,
                summary.level1Events,
                summary.level2Events,
                watch.elapsed.seconds
            )
        )
        return path
    }

    private static func runLine(
        _ label: String,
        _ pipeline: PipelineReplayMeasurement,
        _ peer: HandRolledReplay.Result?,
        _ paced: PipelineReplayMeasurement?
    ) -> String {
        var line = String(
            format: "%@: pipeline %lld stored, %.0f k events/s over %.2f s, whole run %.1f s, peak RSS %.0f MB",
            label,
            pipeline.audit.stored,
            pipeline.rate / 1000,
            pipeline.firstPublishToStoredSeconds,
            pipeline.wholeRunSeconds,
            Double(pipeline.peakRSSBytes) / 1e6
        )
        if !pipeline.passed { line += " (audit FAILED: \(pipeline.audit.lost) lost)" }
        if let peer {
            line += String(
                format: "; peer %d lines, %.0f k lines/s over %.2f s",
                peer.lines,
                peer.rate / 1000,
                peer.seconds
            )
        }
        if let paced, let lateness = paced.lateness {
            line += String(
                format: "; 1x lateness p99 %.3f ms, drift %.3f ms, e2e p99 %.2f ms",
                lateness.p99,
                paced.finalDriftMs ?? 0,
                paced.endToEnd?.p99Ms ?? 0
            )
        }
        return line
    }

    /// A progress line on standard error.
    static func progress(_ text: String) {
        FileHandle.standardError.write(Data("\(text)\n".utf8))
    }
}
