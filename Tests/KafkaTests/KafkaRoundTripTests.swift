import Foundation
import Kafka
import Testing

@Suite("Kafka round trip through the embedded cluster", .timeLimit(.minutes(3)))
struct KafkaRoundTripTests {
    @Test("100,000 keyed messages with headers: consumed set equals produced set, per-key order holds")
    func roundTrip() throws {
        let cluster = try EmbeddedKafkaCluster(brokers: 3)
        try cluster.createTopic("md.raw", partitions: 6)
        let (producer, events) = try KafkaTestSupport.makeProducer(on: cluster)
        let total: UInt64 = 100_000
        try KafkaTestSupport.produce(1...total, to: "md.raw", with: producer)
        try producer.flush(timeout: .seconds(60))
        producer.close()

        #expect(events.failures.isEmpty)
        let reports = events.reportsPerMessage
        #expect(reports.count == Int(total))
        #expect(reports.values.allSatisfy { $0 == 1 })

        let consumed = try KafkaTestSupport.consumeAll(
            count: Int(total),
            topic: "md.raw",
            group: "round-trip",
            on: cluster
        )

        #expect(consumed.count == Int(total))
        let seqs = consumed.compactMap(KafkaTestSupport.seq(of:))
        #expect(Set(seqs) == Set(1...total))
        var lastSeqPerKey = [String: UInt64]()
        var outOfOrder = 0
        for (message, seq) in zip(consumed, seqs) {
            let expected = TestMessage(seq: seq)
            #expect(message.key.map { String(decoding: $0, as: UTF8.self) } == expected.key)
            if message.value != Array(expected.value.utf8) || message.headers != expected.headers {
                Issue.record("message \(seq) came back different")
            }
            if let last = lastSeqPerKey[expected.key], last >= seq { outOfOrder += 1 }
            lastSeqPerKey[expected.key] = seq
        }
        #expect(outOfOrder == 0)
        withExtendedLifetime(cluster) {}  // the cluster must outlive every client above
    }

    @Test("two consumers in one group split the partitions")
    func groupSplitsPartitions() throws {
        let cluster = try EmbeddedKafkaCluster(brokers: 3)
        try cluster.createTopic("split", partitions: 6)
        let first = try KafkaConsumer(
            configuration: KafkaConsumerConfiguration(bootstrapServers: cluster.bootstrapServers, groupID: "split")
        )
        let second = try KafkaConsumer(
            configuration: KafkaConsumerConfiguration(bootstrapServers: cluster.bootstrapServers, groupID: "split")
        )
        try first.subscribe(topics: ["split"])
        try second.subscribe(topics: ["split"])
        let clock = ContinuousClock()
        let end = clock.now + .seconds(60)
        var assigned: ([KafkaTopicPartition], [KafkaTopicPartition]) = ([], [])
        while clock.now < end {
            _ = try first.poll(timeout: .milliseconds(200)) { _ in }
            _ = try second.poll(timeout: .milliseconds(200)) { _ in }
            assigned = (try first.assignment(), try second.assignment())
            if assigned.0.count + assigned.1.count == 6, !assigned.0.isEmpty, !assigned.1.isEmpty { break }
        }
        #expect(assigned.0.count == 3)
        #expect(assigned.1.count == 3)
        #expect(Set(assigned.0).isDisjoint(with: assigned.1))
        first.close()
        second.close()
        withExtendedLifetime(cluster) {}  // the cluster must outlive every client above
    }
}
