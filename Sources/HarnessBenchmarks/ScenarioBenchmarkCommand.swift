import ArgumentParser
import Foundation
import Pipeline
import SystemSupport
import Validation

/// `harness-bench scenario`: what the scenario machinery costs (the same capture with and without tracing and
/// checks), and how fast the pipeline recovers from `scenarios/broker-loss.yaml`.
struct ScenarioBenchmarkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenario",
        abstract: "Harness overhead (tracing + checks) and broker-loss recovery time (run with -c release).",
        discussion: """
            Overhead: generates a synthetic capture of --events events (seed 42) and replays it at max pace, --runs
            times each, in this process, rotating which goes first:
              bare      the pipeline alone: no traceparent, no delivery records in the run database, no audit;
              traced    `harness replay`: 100% tracing and the audit;
              scenario  the same pipeline as a scenario: tracing, the fault timeline and recovery probe, the health
                        observer, Redis behind the fault proxy, and all seven checks.
            Throughput is published events over the time from the first publish until everything was stored; the
            ratio scenario/bare is the median of per-run ratios (target >= 0.9). What happens after the drain
            (stopping, the audit, the checks) is timed apart.

            Recovery: runs --scenario (default scenarios/broker-loss.yaml: a broker down for 2 s during a 10x
            replay) --recovery-runs times and prints the seconds from the broker's return until every event
            published before it was stored and the stored rate was back to 90% of its pre-fault rate (target < 2 s).

            Example:
              swift run -c release harness-bench scenario --runs 3
            """
    )

    @Option(help: "Events in the overhead capture.")
    var events = 300_000

    @Option(help: "Repetitions of each overhead variant; medians are reported.")
    var runs = 3

    @Option(help: "The recovery scenario.")
    var scenario = "scenarios/broker-loss.yaml"

    @Option(help: "Repetitions of the recovery scenario (0 to skip).")
    var recoveryRuns = 3

    static let targetRatio = 0.9
    static let targetRecoverySeconds = 2.0

    func validate() throws {
        guard events > 0, runs > 0, recoveryRuns >= 0 else {
            throw ValidationError("--events and --runs must be at least 1, --recovery-runs at least 0.")
        }
    }

    func run() throws {
        let folder = try TemporaryDirectory(prefix: "scenario-bench")
        defer { try? folder.remove() }
        print(
            "Scenario benchmark: overhead over \(events) events at max pace, \(runs) runs each; recovery \(recoveryRuns) runs"
        )
        print("machine: \(MachineInfo.summary)")
        let capture = try PipelineBenchmarkCommand.generate(
            events: events,
            rate: 20_000,
            folder: folder.path,
            name: "overhead"
        )
        var rates: [String: [Double]] = [:]
        var ratios: [Double] = []
        var checkSeconds: [Double] = []
        let variants = ["bare", "traced", "scenario"]
        for run in 1...runs {
            // Each run starts with another variant, so none always gets the machine first.
            let order = variants.indices.map { variants[($0 + run - 1) % variants.count] }
            var pair: [String: Double] = [:]
            for variant in order {
                let out = folder.path + "/\(variant)-\(run)"
                switch variant {
                case "bare":
                    pair[variant] = try Self.replayRate(capture: capture, out: out, tracing: false)
                case "traced":
                    pair[variant] = try Self.replayRate(capture: capture, out: out, tracing: true)
                default:
                    let measured = try Self.harnessRate(capture: capture, out: out)
                    pair[variant] = measured.rate
                    checkSeconds.append(measured.checkSeconds)
                }
                PipelineBenchmarkCommand.progress(
                    String(format: "run %d %@: %.0f events/s", run, variant, pair[variant] ?? 0)
                )
                try? FileManager.default.removeItem(atPath: out)
                rates[variant, default: []].append(pair[variant] ?? 0)
            }
            ratios.append((pair["scenario"] ?? 0) / (pair["bare"] ?? 1))
        }
        print(
            String(
                format: "bare pipeline (no tracing, no audit)   %.0f events/s (median of %d)",
                median(rates["bare"] ?? []),
                runs
            )
        )
        print(String(format: "traced and audited (harness replay)    %.0f events/s", median(rates["traced"] ?? [])))
        print(
            String(
                format: "scenario (tracing, timeline, probe, 7 checks) %.0f events/s; after the drain %.2f s",
                median(rates["scenario"] ?? []),
                median(checkSeconds)
            )
        )
        print(
            String(
                format: "overhead ratio scenario/bare %.3f (per run: %@; target >= %.1f) %@",
                median(ratios),
                ratios.map { String(format: "%.2f", $0) }.joined(separator: ", "),
                Self.targetRatio,
                median(ratios) >= Self.targetRatio ? "met" : "MISSED"
            )
        )
        guard recoveryRuns > 0 else { return }
        var recoveries: [Double] = []
        for run in 1...recoveryRuns {
            let seconds = try recovery(out: folder.path + "/recovery-\(run)")
            recoveries.append(seconds)
            PipelineBenchmarkCommand.progress(String(format: "recovery run %d: %.3f s", run, seconds))
        }
        print(
            String(
                format: "%@ recovery: median %.3f s, max %.3f s over %d runs (target < %.0f s) %@",
                scenario,
                median(recoveries),
                recoveries.max() ?? 0,
                recoveryRuns,
                Self.targetRecoverySeconds,
                (recoveries.max() ?? .infinity) < Self.targetRecoverySeconds ? "met" : "MISSED"
            )
        )
    }

    /// Events published per second from the first publish until all were stored, by a plain replay with or without
    /// tracing (and the audit that needs it).
    private static func replayRate(capture: String, out: String, tracing: Bool) throws -> Double {
        var configuration = ReplayConfiguration(capturePath: capture, outputDirectory: out)
        configuration.tracing = tracing
        let result = try ReplayRun(configuration: configuration).run()
        guard result.drained, result.failures.isEmpty else {
            throw BenchmarkError("the replay did not finish: \(result.failures)")
        }
        return Double(result.statistics.published) / (Double(result.pipelineElapsedNs) / 1e9)
    }

    /// The same as a scenario with every check; also how long the checks took after the drain.
    private static func harnessRate(capture: String, out: String) throws -> (rate: Double, checkSeconds: Double) {
        var scenario = try ScenarioParser.parse(
            """
            name: overhead
            capture: \(capture)
            replay: { speed: max }
            checks: [no_loss, no_duplicates, per_symbol_order, trace_complete, matches_reference, recovers, source_gaps_detected]
            thresholds:
              e2e_latency_ms: ["p99 < 60000"]
            """,
            file: "overhead.yaml"
        )
        scenario.capture = capture
        let watch = Stopwatch()
        let outcome = try ScenarioRunner(
            scenario: scenario,
            scenarioPath: "overhead.yaml",
            options: ScenarioRunOptions(runFolder: out)
        ).run()
        let whole = watch.elapsed.seconds
        guard outcome.verdict == .pass else {
            throw BenchmarkError(
                "the traced replay failed its checks: \(outcome.checks.filter { !$0.passed }.map(\.summary))"
            )
        }
        let replay = outcome.replay
        let rate = Double(replay.statistics.published) / (Double(replay.pipelineElapsedNs) / 1e9)
        return (rate, max(0, whole - Double(replay.elapsedNs) / 1e9))
    }

    /// Runs the recovery scenario once; returns its slowest fault's recovery seconds.
    private func recovery(out: String) throws -> Double {
        let parsed = try ScenarioParser.load(path: scenario)
        let outcome = try ScenarioRunner(
            scenario: parsed,
            scenarioPath: scenario,
            options: ScenarioRunOptions(runFolder: out)
        ).run()
        let recoveries = outcome.faults.map(\.recoverySeconds)
        guard !recoveries.isEmpty, recoveries.allSatisfy({ $0 != nil }) else {
            throw BenchmarkError("\(scenario): a fault did not recover: \(outcome.faults.map(\.recoveryDetail))")
        }
        return recoveries.compactMap { $0 }.max() ?? 0
    }

    private func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }
}
