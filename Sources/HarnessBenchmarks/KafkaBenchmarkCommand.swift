import ArgumentParser
import Foundation
import Kafka

/// `harness-bench kafka`: produce, consume and both at once through a 3-broker embedded cluster, with `kcat -P`
/// as the peer figure.
struct KafkaBenchmarkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kafka",
        abstract: "Kafka layer throughput against the embedded cluster, with kcat -P as the peer.",
        discussion: """
            Every phase runs --runs times, each on a fresh cluster, Swift and C taking turns going first; medians are
            printed, and ratios are medians of per-run ratios. Noise between runs on a
            shared 2-core machine is large: compare figures from one run of this command.

            Example:
              swift run -c release harness-bench kafka --messages 1000000 --size 120
            """
    )

    @Option(help: "Messages per phase.")
    var messages = 1_000_000

    @Option(help: "Value size in bytes.")
    var size = 120

    @Option(help: "Brokers in the embedded cluster.")
    var brokers = 3

    @Option(help: "Partitions per topic (12 keeps 1M messages under the mock's ~5 MiB per-partition retention).")
    var partitions = 12

    @Option(help: "Repetitions; the median is reported.")
    var runs = 5

    @Flag(help: "Skip the kcat -P peer measurement.")
    var skipKcat = false

    func run() throws {
        print("Kafka benchmark: \(messages) messages of \(size) B, \(brokers) brokers, \(partitions) partitions")
        print("machine: \(MachineInfo.summary); librdkafka \(KafkaVersion.librdkafka)")
        let payloads = BenchmarkMessages(count: messages, size: size)
        let kcatInput = FileManager.default.temporaryDirectory.appendingPathComponent("harness-bench-kcat-\(getpid())")
        if !skipKcat { try Data(payloads.kcatInput).write(to: kcatInput) }
        defer { try? FileManager.default.removeItem(at: kcatInput) }

        var results = [String: [Double]]()
        var notes = [String]()
        for run in 1...runs {
            func phase<Result>(_ body: (KafkaBenchmark) throws -> Result) throws -> Result {
                try body(KafkaBenchmark(brokers: brokers, messages: payloads, partitions: partitions))
            }
            // Alternate who goes first, so neither side always gets the cooler machine.
            func inTurns(_ c: () throws -> Void, _ swift: () throws -> Void) rethrows {
                if run % 2 == 1 {
                    try c()
                    try swift()
                } else {
                    try swift()
                    try c()
                }
            }
            try inTurns {
                results["C produce", default: []].append(try phase { try $0.referenceProduce(topic: "reference") })
            } _: {
                let (rate, consumed) = try phase { benchmark in
                    (
                        try benchmark.produce(topic: "produce", withHeaders: false),
                        try benchmark.consume(topic: "produce")
                    )
                }
                results["produce", default: []].append(rate)
                results["consume", default: []].append(consumed.rate)
                if consumed.count != messages {
                    notes.append("run \(run): the consumer read \(consumed.count) of \(messages) (mock retention)")
                }
            }
            results["produce+headers", default: []].append(
                try phase { try $0.produce(topic: "headers", withHeaders: true) }
            )
            try inTurns {
                results["C produce+consume", default: []].append(
                    try phase { try $0.referenceProduceAndConsume(topic: "both") }
                )
            } _: {
                let both = try phase { try $0.produceAndConsume(topic: "both") }
                results["produce+consume", default: []].append(both.rate)
                if !both.exactlyOnce { notes.append("run \(run): produce+consume was not exactly once") }
            }
            if !skipKcat {
                results["kcat -P", default: []].append(
                    try phase { try $0.kcatProduce(topic: "kcat", inputFile: kcatInput.path) }
                )
            }
            let summary = results.keys.sorted().map { "\($0) \(Self.format(results[$0]!.last!))" }
            print("run \(run): " + summary.joined(separator: ", "))
        }

        print("\nmedian of \(runs) runs, messages/s:")
        let rows: [(String, String)] = [
            ("produce", "Swift: keyed, delivery reports included"),
            ("C produce", "plain C librdkafka program, same messages and settings"),
            ("kcat -P", "peer: kcat producing the same lines"),
            ("produce+headers", "Swift: keyed, 4 pipeline headers"),
            ("consume", "Swift: group consumer reading the backlog"),
            ("produce+consume", "Swift: both at once, end to end, exactly once checked"),
            ("C produce+consume", "plain C: both at once, end to end"),
        ]
        for (name, what) in rows {
            guard let values = results[name] else { continue }
            let rate = Self.format(median(values)).padding(toLength: 10, withPad: " ", startingAt: 0)
            print("  \(name.padding(toLength: 18, withPad: " ", startingAt: 0)) \(rate) \(what)")
        }
        print("ratios, median of per-run ratios:")
        for (swift, peer) in [
            ("produce", "C produce"), ("produce", "kcat -P"), ("produce+consume", "C produce+consume"),
        ] {
            guard let mine = results[swift], let theirs = results[peer] else { continue }
            let ratio = median(zip(mine, theirs).map { $0 / $1 })
            print(String(format: "  %@ / %@ = %.2f", swift, peer, ratio))
        }
        notes.forEach { print("note: \($0)") }
    }

    private static func format(_ rate: Double) -> String {
        rate >= 1_000_000 ? String(format: "%.2f M", rate / 1_000_000) : String(format: "%.0f k", rate / 1000)
    }
}
