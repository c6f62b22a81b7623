import Foundation
import Kafka
import Testing

@Suite("Kafka under embedded-cluster faults", .timeLimit(.minutes(3)))
struct KafkaFaultTests {
    @Test("broker 1 down for 2 s mid-produce: every message delivered exactly once, errors reported")
    func brokerDownMidProduce() throws {
        let cluster = try EmbeddedKafkaCluster(brokers: 3)
        try cluster.createTopic("md.raw", partitions: 6)
        let (producer, events) = try KafkaTestSupport.makeProducer(on: cluster)
        let total: UInt64 = 200_000
        try KafkaTestSupport.produce(1...total / 2, to: "md.raw", with: producer)
        try cluster.setBrokerDown(1)
        let downSince = ContinuousClock.now
        try KafkaTestSupport.produce(total / 2 + 1...total, to: "md.raw", with: producer)
        // The fault lasts 2 s by definition; this is the fault's duration, not a synchronisation wait.
        Thread.sleep(forTimeInterval: max(0, 2 - (ContinuousClock.now - downSince).seconds))
        try cluster.setBrokerUp(1)
        try producer.flush(timeout: .seconds(60))
        producer.close()

        #expect(events.failures.isEmpty)
        let reports = events.reportsPerMessage
        #expect(reports.count == Int(total))
        #expect(reports.values.allSatisfy { $0 == 1 })
        let errorCodes = Set(events.errors.map(\.code))
        #expect(!errorCodes.isDisjoint(with: [.transport, .allBrokersDown]), "error events seen: \(events.errors)")

        let consumed = try KafkaTestSupport.consumeAll(count: Int(total), topic: "md.raw", group: "fault", on: cluster)
        var copies = [UInt64: Int]()
        for seq in consumed.compactMap(KafkaTestSupport.seq(of:)) { copies[seq, default: 0] += 1 }
        #expect(copies.count == Int(total))
        let duplicated = copies.filter { $0.value > 1 }.keys.sorted().prefix(10)
        #expect(duplicated.isEmpty, "duplicated seqs: \(Array(duplicated))")
        withExtendedLifetime(cluster) {}  // the cluster must outlive every client above
    }

    @Test("pushed produce errors are retried: nothing fails, per-key order holds")
    func pushedRequestErrors() throws {
        let cluster = try EmbeddedKafkaCluster(brokers: 3)
        try cluster.createTopic("errors", partitions: 3)
        cluster.pushRequestErrors([.notEnoughReplicas, .notEnoughReplicas, .requestTimedOut], for: .produce)
        let (producer, events) = try KafkaTestSupport.makeProducer(on: cluster)
        try KafkaTestSupport.produce(1...2_000, to: "errors", with: producer)
        try producer.flush(timeout: .seconds(60))
        producer.close()
        #expect(events.failures.isEmpty)
        #expect(events.reportsPerMessage.count == 2_000)

        let consumed = try KafkaTestSupport.consumeAll(count: 2_000, topic: "errors", group: "errors", on: cluster)
        var lastSeqPerKey = [String: UInt64]()
        for message in consumed {
            let seq = try #require(KafkaTestSupport.seq(of: message))
            let key = TestMessage(seq: seq).key
            #expect(lastSeqPerKey[key].map { $0 < seq } ?? true)
            lastSeqPerKey[key] = seq
        }
        #expect(Set(consumed.compactMap(KafkaTestSupport.seq(of:))) == Set(1...2_000))
        withExtendedLifetime(cluster) {}  // the cluster must outlive every client above
    }

    @Test("a full producer queue is backpressure, not an error")
    func queueFullIsBackpressure() throws {
        let cluster = try EmbeddedKafkaCluster(brokers: 1)
        try cluster.createTopic("slow", partitions: 1)
        try cluster.setBrokerDown(1)
        var configuration = KafkaProducerConfiguration(bootstrapServers: cluster.bootstrapServers)
        configuration.maxQueuedMessages = 100
        let events = ProducerEventLog()
        let producer = try KafkaProducer(configuration: configuration, eventHandler: events.handler)
        for seq in 1...100 as ClosedRange<UInt64> {
            #expect(try producer.send(topic: "slow", key: "k", value: "v", messageID: seq) == .queued)
        }
        #expect(try producer.send(topic: "slow", key: "k", value: "v", messageID: 101) == .queueFull)
        try cluster.setBrokerUp(1)
        #expect(producer.waitForQueueSpace(timeout: .seconds(60)))
        #expect(try producer.send(topic: "slow", key: "k", value: "v", messageID: 101) == .queued)
        try producer.flush(timeout: .seconds(60))
        producer.close()
        #expect(events.reportsPerMessage.count == 101)
        #expect(events.failures.isEmpty)
        withExtendedLifetime(cluster) {}  // the cluster must outlive every client above
    }

    @Test("a leader move shows in metadata")
    func leaderMove() throws {
        let cluster = try EmbeddedKafkaCluster(brokers: 3)
        try cluster.createTopic("moves", partitions: 6)
        let before = try #require(try cluster.metadata().topic("moves"))
        #expect(before.partitions.map(\.leader) == [1, 2, 3, 1, 2, 3])
        try cluster.moveLeader(topic: "moves", partition: 0, to: 3)
        let after = try #require(try cluster.metadata().topic("moves"))
        #expect(after.partitions.first?.leader == 3)
        withExtendedLifetime(cluster) {}  // the cluster must outlive every client above
    }
}

extension Duration {
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
