import Foundation

/// The peer of the pipeline benchmark: the capture copied by hand through Kafka with stock tools, against a
/// standalone embedded cluster (`harness kafka-cluster`), each pipeline under `bash -o pipefail`:
///
///     sqlite3 CAPTURE "SELECT line FROM events ORDER BY seq" | kcat -P -b BOOTSTRAP -t md.raw ...
///     kcat -C -b BOOTSTRAP -t md.raw -e -f '%s\n' | sqlite3 OUT ".import /dev/stdin lines"
///
/// No parsing, no tracing, no order books, no audit: what the pipeline would cost if it only moved the lines.
struct HandRolledReplay {
    /// kcat's producer settings: the pipeline's delivery guarantees (idempotent, `acks=all`, lz4, 5 ms linger) and
    /// the queue sizes of the Kafka benchmark's `kcat -P`.
    static let producerSettings = [
        "enable.idempotence=true", "acks=all", "compression.codec=lz4", "linger.ms=5",
        "queue.buffering.max.messages=500000", "batch.size=1048576",
    ]

    /// kcat's consumer settings: the pipeline consumer's prefetch (`KafkaConsumerConfiguration`'s defaults), without
    /// which librdkafka 2.0.2 pauses a second per full partition queue (LIBRARY-NOTES.md).
    static let consumerSettings = ["queued.min.messages=1000000", "queued.max.messages.kbytes=1048576"]

    /// Partitions of the peer's topic: 12 keep a million lines under the mock's ~5 MiB per partition (the peer has
    /// no window that bounds what is in Kafka, unlike the pipeline).
    static let partitions = 12

    let harness: String
    let capture: String
    let folder: String

    struct Result {
        /// Lines in the copy.
        var lines: Int
        var produceSeconds: Double
        var consumeSeconds: Double

        var seconds: Double { produceSeconds + consumeSeconds }
        /// Lines per second from the first line read to the last one imported.
        var rate: Double { Double(lines) / seconds }
    }

    /// The two commands, as run (for the report).
    static func commands(capture: String, copy: String, bootstrap: String) -> (produce: String, consume: String) {
        func options(_ settings: [String]) -> String { settings.map { "-X " + $0 }.joined(separator: " ") }
        return (
            "sqlite3 \(shellQuoted(capture)) 'SELECT line FROM events ORDER BY seq' "
                + "| kcat -P -b \(bootstrap) -t md.raw \(options(producerSettings))",
            "kcat -C -b \(bootstrap) -t md.raw -e -q -f '%s\\n' \(options(consumerSettings)) "
                + "| sqlite3 \(shellQuoted(copy)) '.import /dev/stdin lines'"
        )
    }

    /// Starts a fresh cluster, copies the capture through it and stops it.
    func run(number: Int) throws -> Result {
        let bootstrapFile = folder + "/peer-\(number).bootstrap"
        let clusterLog = folder + "/peer-\(number)-cluster.log"
        let cluster = try MeasuredChild(
            harness,
            [
                "kafka-cluster", "--brokers", "3", "--partitions", "\(Self.partitions)", "--bootstrap-file",
                bootstrapFile,
            ],
            standardOutput: clusterLog,
            standardError: clusterLog
        )
        defer {
            cluster.signal()
            _ = cluster.wait()
        }
        let bootstrap = try Self.waitForBootstrap(in: bootstrapFile, log: clusterLog)
        let copy = folder + "/peer-\(number).sqlite"
        let log = folder + "/peer-\(number).log"
        try Self.sqlite3([copy, "CREATE TABLE lines(line TEXT)"], output: log, log: log)
        let (produce, consume) = Self.commands(capture: capture, copy: copy, bootstrap: bootstrap)
        let produced = try MeasuredChild.shell(produce, log: log)
        try Self.check(produced, "sqlite3 | kcat -P", log: log)
        let consumed = try MeasuredChild.shell(consume, log: log + ".consume")
        try Self.check(consumed, "kcat -C | sqlite3 .import", log: log + ".consume")
        let counted = folder + "/peer-\(number).count"
        try Self.sqlite3([copy, "SELECT count(*) FROM lines"], output: counted, log: log)
        let lines = Int(MeasuredChild.tail(of: counted, lines: 1).trimmingCharacters(in: .whitespaces)) ?? 0
        return Result(lines: lines, produceSeconds: produced.seconds, consumeSeconds: consumed.seconds)
    }

    /// Runs `sqlite3` with `arguments`, its output to `output`.
    private static func sqlite3(_ arguments: [String], output: String, log: String) throws {
        let outcome = try MeasuredChild.run("/usr/bin/sqlite3", arguments, output: output, errors: log)
        try check(outcome, "sqlite3 \(arguments.joined(separator: " "))", log: log)
    }

    private static func check(_ outcome: MeasuredChild.Outcome, _ what: String, log: String) throws {
        guard outcome.succeeded else {
            throw BenchmarkError("\(what) failed with status \(outcome.status):\n\(MeasuredChild.tail(of: log))")
        }
    }

    /// Waits up to 30 s for `harness kafka-cluster` to write its bootstrap servers.
    private static func waitForBootstrap(in path: String, log: String) throws -> String {
        let watch = Stopwatch()
        while watch.elapsed < .seconds(30) {
            if let text = try? String(contentsOfFile: path, encoding: .utf8), !text.isEmpty {
                return text.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            usleep(20_000)
        }
        throw BenchmarkError("harness kafka-cluster did not start in 30 s:\n\(MeasuredChild.tail(of: log))")
    }

    /// Whether `sqlite3` and `kcat` are installed where the peer runs them.
    static var toolsMissing: [String] {
        ["/usr/bin/sqlite3", "/usr/bin/kcat"].filter { !FileManager.default.isExecutableFile(atPath: $0) }
    }
}
