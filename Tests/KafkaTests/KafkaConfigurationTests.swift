import Kafka
import Testing

@Suite("Kafka configuration and admin")
struct KafkaConfigurationTests {
    @Test("an unknown raw property is refused, naming it")
    func unknownProperty() throws {
        var configuration = KafkaProducerConfiguration(bootstrapServers: "127.0.0.1:1")
        configuration.common.raw["no.such.property"] = "1"
        let error = #expect(throws: KafkaError.self) {
            _ = try KafkaProducer(configuration: configuration) { _ in }
        }
        #expect(error?.code == .invalidArgument)
        #expect(error?.description.contains("no.such.property") == true)
    }

    @Test("metadata lists the embedded brokers and a topic's partitions")
    func metadata() throws {
        let cluster = try EmbeddedKafkaCluster(brokers: 3)
        try cluster.createTopic("listed", partitions: 4, replicationFactor: 2)
        let admin = try KafkaAdmin(configuration: KafkaConfiguration(bootstrapServers: cluster.bootstrapServers))
        let metadata = try admin.metadata()
        #expect(metadata.brokers.map(\.id).sorted() == [1, 2, 3])
        let topic = try #require(metadata.topic("listed"))
        #expect(topic.partitions.map(\.id) == [0, 1, 2, 3])
        #expect(topic.partitions.map(\.leader) == [1, 2, 3, 1])
        withExtendedLifetime(cluster) {}  // the cluster must outlive every client above
    }

    @Test("creating a topic through the admin API on the embedded cluster fails with a clear time-out")
    func adminCreateTopicOnMock() throws {
        let cluster = try EmbeddedKafkaCluster(brokers: 3)
        let admin = try KafkaAdmin(configuration: KafkaConfiguration(bootstrapServers: cluster.bootstrapServers))
        let error = #expect(throws: KafkaError.self) {
            try admin.createTopic("created", partitions: 5, replicationFactor: 3, timeout: .seconds(2))
        }
        #expect(error?.code == .timedOut)
        #expect(error?.description.contains("created") == true)
        withExtendedLifetime(cluster) {}  // the cluster must outlive every client above
    }
}
