import ArgumentParser
import Foundation
import Kafka

/// `harness kafka-cluster`: the embedded Kafka cluster as a standalone local Kafka.
struct KafkaClusterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kafka-cluster",
        abstract: "Run the embedded Kafka cluster (librdkafka's mock brokers on loopback) until Ctrl-C.",
        discussion: """
            Prints the bootstrap servers; any Kafka client can use them while it runs, kcat included.
            Topics given with --topic are created with --partitions partitions and leaders spread over the
            brokers. Other topics are created on first use with 4 partitions. The mock keeps about 5 MiB per
            partition: older messages are dropped.

            Examples:
              harness kafka-cluster --brokers 3 --partitions 6
              harness kafka-cluster --topic md.raw --topic md.alerts --bootstrap-file /tmp/kafka.bootstrap
              kcat -b "$(cat /tmp/kafka.bootstrap)" -L
            """
    )

    @Option(help: "Number of brokers, ids 1 through N.")
    var brokers = 3

    @Option(help: "Partitions of each topic created at start.")
    var partitions = 6

    @Option(name: .customLong("topic"), help: "A topic to create at start (repeatable).")
    var topics: [String] = ["md.raw"]

    @Option(help: "Also write the bootstrap servers to this file once the cluster is up (for scripts).")
    var bootstrapFile: String?

    func validate() throws {
        guard (1...32).contains(brokers) else {
            throw ValidationError("--brokers must be between 1 and 32, got \(brokers).")
        }
        guard (1...1024).contains(partitions) else {
            throw ValidationError("--partitions must be between 1 and 1024, got \(partitions).")
        }
        if let empty = topics.firstIndex(where: { $0.isEmpty }) {
            throw ValidationError("--topic number \(empty + 1) is empty; give each topic a name.")
        }
        if let repeated = topics.first(where: { name in topics.count { $0 == name } > 1 }) {
            throw ValidationError("--topic \(repeated) is given more than once.")
        }
        if let bootstrapFile {
            let directory = URL(fileURLWithPath: bootstrapFile).deletingLastPathComponent().path
            guard FileManager.default.isWritableFile(atPath: directory) else {
                throw ValidationError(
                    "--bootstrap-file \(bootstrapFile): the folder \(directory) does not exist or is not writable."
                )
            }
        }
    }

    func run() async throws {
        let stop = SignalWaiter(signals: [SIGINT, SIGTERM])
        let cluster = try EmbeddedKafkaCluster(brokers: brokers)
        for topic in topics {
            try cluster.createTopic(topic, partitions: partitions)
        }
        let leaders = (0..<partitions).map { String($0 % brokers + 1) }.joined(separator: ",")
        Console.out(
            """
            embedded Kafka cluster: \(brokers) broker(s) on loopback (librdkafka \(KafkaVersion.librdkafka) mock)
            bootstrap: \(cluster.bootstrapServers)
            topics: \(topics.joined(separator: ", ")) (\(partitions) partitions each, leaders \(leaders))
            try: kcat -b \(cluster.bootstrapServers) -L
            Ctrl-C to stop.
            """
        )
        if let bootstrapFile {
            do {
                try Data(cluster.bootstrapServers.utf8).write(to: URL(fileURLWithPath: bootstrapFile), options: .atomic)
            } catch {
                throw ValidationError(
                    "could not write --bootstrap-file \(bootstrapFile): \(error.localizedDescription)"
                )
            }
        }
        let signal = await stop.wait()
        withExtendedLifetime(cluster) {}
        Console.out("received \(signal == SIGINT ? "SIGINT" : "SIGTERM"); embedded Kafka cluster stopped.")
    }
}
