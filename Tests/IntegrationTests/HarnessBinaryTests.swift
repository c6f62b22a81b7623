import Foundation
import Kafka
import Testing

@Suite("the harness binary, end to end", .timeLimit(.minutes(2)))
struct HarnessBinaryTests {
    let harness = ChildProcess.harnessBinary
    let kcat = URL(fileURLWithPath: "/usr/bin/kcat")

    @Test("--version prints the version and exits 0")
    func version() throws {
        let result = try ChildProcess.run(harness, ["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0.1.0")
    }

    @Test("an unknown flag exits 2 and names the flag")
    func unknownFlag() throws {
        let result = try ChildProcess.run(harness, ["kafka-cluster", "--brokerz", "3"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--brokerz"))
    }

    @Test("--help lists only implemented subcommands")
    func help() throws {
        let result = try ChildProcess.run(harness, ["--help"])
        #expect(result.status == 0)
        let section = try #require(result.stdout.components(separatedBy: "SUBCOMMANDS:").last)
        let names = section.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("  "), !line.hasPrefix("   ") else { return nil }
            return line.split(separator: " ").first.map(String.init)
        }
        #expect(
            names.filter { $0.first?.isLowercase == true } == [
                "replay", "process", "record", "simulate", "inspect", "import", "generate", "kafka-cluster",
            ]
        )
    }

    @Test("kafka-cluster serves kcat and other clients until SIGINT")
    func kafkaClusterServesOtherProcesses() throws {
        try #require(
            FileManager.default.isExecutableFile(atPath: kcat.path),
            "kcat is missing: apt-get install -y kcat"
        )
        let cluster = try ChildProcess(harness, ["kafka-cluster", "--brokers", "3", "--partitions", "6"])
        let bootstrapLine = try #require(cluster.readLine(startingWith: "bootstrap: "))
        let bootstrap = String(bootstrapLine.dropFirst("bootstrap: ".count))
        #expect(bootstrap.split(separator: ",").count == 3)

        let listing = try ChildProcess.run(kcat, ["-b", bootstrap, "-L", "-t", "md.raw"])
        #expect(listing.status == 0)
        #expect(listing.stdout.contains("3 brokers"))
        #expect(listing.stdout.contains("topic \"md.raw\" with 6 partitions"))

        let lines = (1...1_000).map { "SYM\($0 % 7):line \($0)" }.joined(separator: "\n") + "\n"
        let produced = try ChildProcess.run(
            kcat,
            ["-P", "-b", bootstrap, "-t", "md.raw", "-K:"],
            stdin: Data(lines.utf8)
        )
        #expect(produced.status == 0)

        let consumer = try KafkaConsumer(
            configuration: KafkaConsumerConfiguration(bootstrapServers: bootstrap, groupID: "integration")
        )
        try consumer.subscribe(topics: ["md.raw"])
        var values = Set<String>()
        let end = ContinuousClock.now + .seconds(60)
        while values.count < 1_000, ContinuousClock.now < end {
            _ = try consumer.poll(timeout: .milliseconds(500)) {
                values.insert(String(decoding: $0.value, as: UTF8.self))
            }
        }
        consumer.close()
        #expect(values == Set((1...1_000).map { "line \($0)" }))

        cluster.interrupt()
        let result = cluster.finish()
        #expect(result.status == 0)
        #expect(result.stdout.contains("embedded Kafka cluster stopped"))
    }
}
