import ArgumentParser
import Foundation
import Pipeline
import SystemSupport

/// `harness replay CAPTURE`: the whole pipeline over a capture, audited; `harness replay SCENARIO.yaml`: the same
/// with a scenario's faults, checks and thresholds, and its reports.
struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay a capture, or run a scenario (faults, checks, thresholds), through the whole pipeline.",
        discussion: """
            Given a scenario file (.yaml), runs the scenario: its capture, pace and pipeline, its faults at their
            times or capture events, then its checks and thresholds. Reports go to reports/<scenario>-<UTC time>/:
            report.txt (printed at the end), report.json, junit.xml, report.html and run.sqlite. Exit codes: 0 every
            check and threshold passed, 1 one failed, 2 the scenario file or a flag is wrong, 3 a server is
            unavailable, 4 interrupted. The scenario format is in the README.

            Starts the pipeline in dependency order (sink, Redis, Kafka, processors, source), publishes every line of
            the capture to Kafka at the chosen pace, waits until everything published is stored, stops, and checks
            every event: published, acknowledged, stored once, in order, traced through every stage, and with the
            same book and features as a run of the capture without Kafka. The defaults need nothing running: an
            embedded 3-broker Kafka, a SQLite sink in the run folder, a redis-server child.

            The run folder (default reports/<capture>-<UTC time>/) holds run.sqlite (deliveries, stamps,
            breaker transitions), sink.sqlite (the SQLite sink) and summary.json.

            Ctrl-C stops the source and drains what it published; a second Ctrl-C stops at once.
            Exit codes: 0 nothing lost, 1 events lost, reordered or different from the reference, 2 bad input,
            3 a server is unavailable or a part of the pipeline failed, 4 interrupted (nothing lost).

            Examples:
              harness replay scenarios/broker-loss.yaml
              harness replay scenarios/random-chaos.yaml --out /tmp/chaos --speed 5x
              harness replay fixtures/lobster-aapl.sqlite
              harness replay fixtures/multi-symbol.sqlite --speed 10x --processors 2
              harness replay capture.sqlite --kafka broker1:9092 --clickhouse 127.0.0.1:8123 --redis 127.0.0.1:6379
              harness replay capture.sqlite --processors 0   # then: harness process --kafka <printed address> ...
            """
    )

    @Argument(help: "The capture file to replay, or a scenario file (.yaml, .yml).")
    var capture: String

    @Option(help: "The run folder to create (default: reports/<capture name>-<UTC time>).")
    var out: String?

    @Option(help: "Pace: recorded, 1x, 10x (any factor), max or 5000/s (any rate); default max, or the scenario's.")
    var speed: String?

    @Option(help: "A real Kafka's bootstrap servers (host:port,...); default: the embedded 3-broker cluster.")
    var kafka: String?

    @Option(help: "Partitions of the raw topic (default 6).")
    var partitions: Int?

    @Option(help: "Redis: managed (a redis-server child, the default), none, or host:port of a running one.")
    var redis: String?

    @OptionGroup var clickhouse: ClickHouseOptions

    @Option(help: "Processors in this process (default 1; 0: processors run elsewhere with `harness process`).")
    var processors: Int?

    @Option(help: "Events published but not yet stored the source may run ahead by (default 100000).")
    var window: Int?

    @Option(
        help: """
            The pipeline's JSON configuration (config/pipeline_config.json): its alert thresholds, \
            startup timeout and Kafka linger apply; servers are chosen with --kafka, --clickhouse and --redis.
            """
    )
    var config: String?

    @Flag(help: "Print the audit (or the scenario's report.json) as JSON on standard output.")
    var json = false

    var pace: ReplayPace? { ReplayPace(speed ?? "max") }

    /// Whether the argument is a scenario file rather than a capture.
    var isScenario: Bool { [".yaml", ".yml"].contains { capture.lowercased().hasSuffix($0) } }

    func validate() throws {
        guard pace != nil else {
            throw ValidationError("--speed '\(speed ?? "")' is not a pace; use one of: \(ReplayPace.choices).")
        }
        if let partitions, !(1...1000).contains(partitions) {
            throw ValidationError("--partitions must be 1-1000, got \(partitions).")
        }
        if let processors, !(0...64).contains(processors) {
            throw ValidationError("--processors must be 0-64, got \(processors).")
        }
        if let window, window <= 0 { throw ValidationError("--window must be positive, got \(window).") }
        if let redis, !["managed", "none"].contains(redis), EndpointArgument(redis) == nil {
            throw ValidationError("--redis '\(redis)' is not managed, none or host:port.")
        }
        guard FileManager.default.fileExists(atPath: capture) else {
            let what = isScenario ? "scenario" : "capture"
            let hint = isScenario ? "see scenarios/" : "record one (harness record) or use fixtures/"
            throw ValidationError("\(what) \(capture) does not exist; \(hint).")
        }
        if isScenario {
            let pipelineFlags: [(String, Bool)] = [
                ("--kafka", kafka != nil), ("--partitions", partitions != nil), ("--redis", redis != nil),
                ("--processors", processors != nil), ("--window", window != nil), ("--config", config != nil),
                ("--clickhouse", clickhouse.endpoint != nil),
            ]
            if let flag = pipelineFlags.first(where: \.1)?.0 {
                throw ValidationError(
                    "\(flag) does not apply to a scenario: its file sets the pipeline (pipeline: {kafka, sink, redis})."
                )
            }
        }
        if let out, FileManager.default.fileExists(atPath: out) {
            throw ValidationError("--out \(out) already exists; a run folder is never reused.")
        }
    }

    func run() async throws {
        if isScenario {
            try await runScenario()
            return
        }
        let run = ReplayRun(configuration: try makeConfiguration())
        let watcher = GracefulStop.watch { run.requestStop(force: $0) }
        defer { watcher.cancel() }
        Console.error("replay \(capture) into \(run.configuration.outputDirectory) (pace \(speed ?? "max"))")
        let result = try await Self.runBlocking(run)
        let summary = try JSONEncoder.sorted.encode(ReplaySummary.File(result))
        if json {
            Console.out(String(decoding: summary, as: UTF8.self))
        } else {
            Console.out(ReplaySummary.text(result))
        }
        try summary.write(
            to: URL(fileURLWithPath: run.configuration.outputDirectory).appendingPathComponent("summary.json")
        )
        if !result.failures.isEmpty {
            throw ExitCode(HarnessExitCode.infrastructure.rawValue)
        }
        if !result.problems.isEmpty {
            throw ExitCode(HarnessExitCode.checkFailed.rawValue)
        }
        if result.interrupted {
            throw ExitCode(HarnessExitCode.interrupted.rawValue)
        }
    }

    private func makeConfiguration() throws -> ReplayConfiguration {
        let folder =
            out
            ?? ReplayConfiguration.defaultOutputDirectory(
                capturePath: capture,
                base: FileManager.default.currentDirectoryPath
            )
        var configuration = ReplayConfiguration(capturePath: capture, outputDirectory: folder)
        if let config {
            let settings: PipelineConfiguration
            do {
                settings = try PipelineConfiguration.load(
                    path: config,
                    environment: ProcessInfo.processInfo.environment
                )
            } catch {
                throw BadInput(error.description)
            }
            settings.warnings.forEach { Console.error("\(config): \($0)") }
            configuration.thresholds = settings.alerts.alertThresholds
            configuration.startupTimeout = settings.performance.startupTimeout
            configuration.lingerMs = Int(settings.kafka.lingerMs)
        }
        configuration.pace = pace ?? .max
        configuration.partitions = partitions ?? configuration.partitions
        configuration.processors = processors ?? configuration.processors
        configuration.window = window.map(Int64.init) ?? configuration.window
        if let kafka { configuration.kafka = .external(bootstrapServers: kafka) }
        if let endpoint = clickhouse.endpoint { configuration.sink = .clickhouse(endpoint) }
        switch redis ?? "managed" {
        case "managed": configuration.redis = .managed
        case "none": configuration.redis = .none
        default:
            if let redis, let endpoint = EndpointArgument(redis) {
                configuration.redis = .external(
                    host: endpoint.host,
                    port: endpoint.port,
                    password: ProcessInfo.processInfo.environment["REDIS_PASSWORD"]
                )
            }
        }
        return configuration
    }

    /// Runs the blocking replay on its own thread, with a progress line on a terminal.
    private static func runBlocking(_ run: ReplayRun) async throws -> ReplayResult {
        try await GracefulStop.runBlocking(named: "replay") { progress in
            try run.run(
                progress: { progress.show($0) },
                onStarted: { bootstrap, sink in
                    Console.error("kafka \(bootstrap)  sink \(sink)  topic \(run.topic)  group \(run.groupID)")
                },
                notice: { message in
                    progress.finish()
                    Console.error(message)
                }
            )
        }
    }
}

extension JSONEncoder {
    /// Pretty, sorted keys: stable output for files and diffs.
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return encoder
    }
}
