import Foundation
import Kafka
import Synchronization
import Testing

@Suite("Kafka flow control: pause/resume, rebalance events, broker round-trip time", .timeLimit(.minutes(2)))
struct KafkaFlowControlTests {
    @Test("a paused partition delivers nothing until resumed, then everything")
    func pauseAndResume() throws {
        let cluster = try EmbeddedKafkaCluster(brokers: 1)
        try cluster.createTopic("paused", partitions: 1)
        let assigned = Mutex<[KafkaTopicPartition]>([])
        let consumer = try KafkaConsumer(
            configuration: KafkaConsumerConfiguration(bootstrapServers: cluster.bootstrapServers, groupID: "paused")
        ) { event in
            if case .partitionsAssigned(let partitions) = event { assigned.withLock { $0 += partitions } }
        }
        try consumer.subscribe(topics: ["paused"])
        let end = ContinuousClock.now + .seconds(60)
        while assigned.withLock({ $0.isEmpty }), ContinuousClock.now < end {
            _ = try consumer.poll(timeout: .milliseconds(100)) { _ in }
        }
        let partition = KafkaTopicPartition(topic: "paused", partition: 0)
        #expect(assigned.withLock { $0 } == [partition])
        try consumer.pause([partition])

        let (producer, events) = try KafkaTestSupport.makeProducer(on: cluster)
        try KafkaTestSupport.produce(1...100, to: "paused", with: producer)
        try producer.flush(timeout: .seconds(30))
        producer.close()
        #expect(events.reportsPerMessage.count == 100)

        var whilePaused = 0
        for _ in 0..<5 {
            whilePaused += try consumer.poll(timeout: .milliseconds(200)) { _ in }
        }
        #expect(whilePaused == 0)

        try consumer.resume([partition])
        var afterResume = 0
        while afterResume < 100, ContinuousClock.now < end {
            afterResume += try consumer.poll(timeout: .milliseconds(200)) { _ in }
        }
        #expect(afterResume == 100)
        consumer.close()
        withExtendedLifetime(cluster) {}  // the cluster must outlive every client above
    }

    @Test("a broker round-trip time delays delivery reports by at least that much")
    func roundTripTime() throws {
        let cluster = try EmbeddedKafkaCluster(brokers: 1)
        try cluster.createTopic("slow", partitions: 1)
        let (producer, events) = try KafkaTestSupport.makeProducer(on: cluster)
        try KafkaTestSupport.produce(1...1, to: "slow", with: producer)
        try producer.flush(timeout: .seconds(30))

        try cluster.setRoundTripTime(.milliseconds(400), broker: 1)
        let sent = ContinuousClock.now
        try KafkaTestSupport.produce(2...2, to: "slow", with: producer)
        try producer.flush(timeout: .seconds(30))
        // A lower bound only: a slow machine makes it longer, never shorter.
        #expect(ContinuousClock.now - sent >= .milliseconds(400))
        producer.close()
        #expect(events.reportsPerMessage.count == 2)
        #expect(events.failures.isEmpty)
        withExtendedLifetime(cluster) {}  // the cluster must outlive every client above
    }
}
