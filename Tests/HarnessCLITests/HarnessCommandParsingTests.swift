import ArgumentParser
import Testing

@testable import HarnessCLI

@Suite("harness command-line parsing")
struct HarnessCommandParsingTests {
    @Test("kafka-cluster takes brokers, partitions and repeated topics")
    func kafkaClusterOptions() throws {
        let command = try Harness.parseAsRoot(
            ["kafka-cluster", "--brokers", "5", "--partitions", "12", "--topic", "a", "--topic", "b"]
        )
        let cluster = try #require(command as? KafkaClusterCommand)
        #expect(cluster.brokers == 5)
        #expect(cluster.partitions == 12)
        #expect(cluster.topics == ["a", "b"])
    }

    @Test("kafka-cluster defaults: 3 brokers, 6 partitions, topic md.raw")
    func kafkaClusterDefaults() throws {
        let cluster = try #require(try Harness.parseAsRoot(["kafka-cluster"]) as? KafkaClusterCommand)
        #expect(cluster.brokers == 3)
        #expect(cluster.partitions == 6)
        #expect(cluster.topics == ["md.raw"])
    }

    @Test(
        "out-of-range values are usage errors that say what is allowed",
        arguments: [
            (["kafka-cluster", "--brokers", "0"], "--brokers must be between 1 and 32"),
            (["kafka-cluster", "--partitions", "0"], "--partitions must be between 1 and 1024"),
        ]
    )
    func rangeErrors(arguments: [String], message: String) {
        #expect {
            _ = try Harness.parseAsRoot(arguments)
        } throws: { error in
            Harness.exitCode(for: error) == .validationFailure && Harness.message(for: error).contains(message)
        }
    }

    @Test("an unknown flag is a usage error naming the flag")
    func unknownFlag() {
        #expect {
            _ = try Harness.parseAsRoot(["kafka-cluster", "--brokerz", "3"])
        } throws: { error in
            Harness.exitCode(for: error) == .validationFailure && Harness.message(for: error).contains("--brokerz")
        }
    }
}
