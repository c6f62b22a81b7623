import ArgumentParser
import Capture
import Foundation
import MarketData
import Pipeline
import SystemSupport

/// `harness process`: one more processor in a pipeline's consumer group, in its own process.
struct ProcessCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "process",
        abstract: "Join a pipeline's consumer group as a processor: parse, build books and features, store.",
        discussion: """
            Scale-out is Kafka's: every processor of a pipeline joins the same consumer group and the group splits
            the raw topic's partitions between them. This command runs one processor until Ctrl-C or SIGTERM, then
            finishes its batch, stores final book snapshots, commits and leaves the group. A processor killed
            outright loses nothing: the next one re-reads what was not committed, and the sink absorbs copies.

            Examples:
              harness replay capture.sqlite --processors 0 --out run1   # prints the Kafka address and the sink
              harness process --kafka 127.0.0.1:39211 --sink run1/sink.sqlite --capture capture.sqlite
              harness process --kafka broker1:9092 --clickhouse 127.0.0.1:8123 --group harness-processors
            """
    )

    @Option(help: "Kafka bootstrap servers (host:port,...).")
    var kafka: String

    @Option(help: "The SQLite sink file to store into.")
    var sink: String?

    @OptionGroup var clickhouse: ClickHouseOptions

    @Option(help: "The raw topic.")
    var topic = "md.raw"

    @Option(help: "The consumer group.")
    var group = "harness-processors"

    @Option(help: "The capture being replayed, for its Level 1 field list (default: IQFeed's default list).")
    var capture: String?

    @Option(help: "Redis host:port for the live state, or none.")
    var redis = "none"

    @Option(help: "This processor's name in batch records and Redis.")
    var name = "processor@\(ProcessInfo.processInfo.processIdentifier)"

    func validate() throws {
        guard (sink == nil) != (clickhouse.clickhouse == nil) else {
            throw ValidationError("give exactly one of --sink FILE or --clickhouse HOST:PORT.")
        }
        if redis != "none", EndpointArgument(redis) == nil {
            throw ValidationError("--redis '\(redis)' is not none or host:port.")
        }
    }

    func run() async throws {
        let signals = SignalWaiter(signals: [SIGINT, SIGTERM])
        var configuration = ProcessorConfiguration(bootstrapServers: kafka, groupID: group, topic: topic, name: name)
        if let capture {
            configuration.level1Fields = try CaptureReader(path: capture).metadata.level1FieldList
        }
        let counters = PipelineCounters()
        let eventSink = try makeSink()
        let liveState = EndpointArgument(redis).map {
            LiveStateWriter(
                host: $0.host,
                port: $0.port,
                password: ProcessInfo.processInfo.environment["REDIS_PASSWORD"],
                breaker: CircuitBreaker(name: "redis", failureThreshold: 1, openDuration: .milliseconds(500)),
                counters: counters
            )
        }
        let worker = try ProcessorWorker(
            configuration: configuration,
            sink: eventSink,
            storedLines: try makeSink(),
            liveState: liveState,
            counters: counters,
            metrics: PipelineMetrics(),
            sinkBreaker: CircuitBreaker(name: "sink", failureThreshold: 3, openDuration: .milliseconds(500))
        )
        try worker.start()
        Console.error("processor \(name) joined group \(group) on \(kafka), storing into \(eventSink.destination)")
        _ = await signals.wait()
        worker.requestStop()
        if let failure = await Task.detached(operation: { worker.waitUntilStopped() }).value {
            throw PipelineError(.failed, failure)
        }
        Console.error(
            "processor \(name) stopped: consumed \(counters.consumed.value), stored \(counters.stored.value), "
                + "absorbed \(counters.duplicatesAbsorbed.value) duplicates"
        )
    }

    /// A connection to the chosen sink; the processor takes two (one stores, one reads back for rebuilds).
    private func makeSink() throws -> any EventSink {
        do {
            if let endpoint = clickhouse.endpoint {
                return try ClickHouseSink(endpoint: endpoint)
            }
            return try SQLiteSink(path: sink ?? "")
        } catch {
            throw PipelineError(error.kind == .unavailable ? .infrastructure : .input, error.message)
        }
    }
}
