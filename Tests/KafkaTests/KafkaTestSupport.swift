import Foundation
import Kafka
import Synchronization

/// Collects everything a producer reports, for assertions.
final class ProducerEventLog: Sendable {
    private struct State {
        var reportsPerMessage: [UInt64: Int] = [:]
        var failures: [KafkaDeliveryReport] = []
        var errors: [KafkaError] = []
    }

    private let state = Mutex(State())

    var handler: @Sendable (KafkaProducerEvent) -> Void {
        { [self] event in
            state.withLock { state in
                switch event {
                case .deliveryReports(let reports):
                    for report in reports {
                        state.reportsPerMessage[report.messageID, default: 0] += 1
                        if report.error != nil { state.failures.append(report) }
                    }
                case .error(let error):
                    state.errors.append(error)
                }
            }
        }
    }

    var reportsPerMessage: [UInt64: Int] { state.withLock { $0.reportsPerMessage } }
    var failures: [KafkaDeliveryReport] { state.withLock { $0.failures } }
    var errors: [KafkaError] { state.withLock { $0.errors } }
}

/// A message as the tests produce it: key `SYM<n>`, a ~100-byte value and `seq`/`traceparent` headers.
struct TestMessage {
    let seq: UInt64

    var key: String { "SYM\(seq % 50)" }

    var value: String {
        "Q,SYM\(seq % 50),\(seq),1234.\(seq % 100),100,1233.50,1234.75,12,7,09:30:00.123456,"
            + String(repeating: "x", count: 40)
    }

    var headers: [KafkaHeader] {
        [
            KafkaHeader(name: "seq", value: String(seq)),
            KafkaHeader(
                name: "traceparent",
                value: "00-\(String(repeating: "a", count: 32))-\(String(repeating: "b", count: 16))-01"
            ),
        ]
    }
}

enum KafkaTestSupport {
    static let produceTimeout = Duration.seconds(60)

    /// A producer with default settings on `cluster`, whose events go to a new log.
    static func makeProducer(on cluster: EmbeddedKafkaCluster) throws -> (KafkaProducer, ProducerEventLog) {
        let events = ProducerEventLog()
        let producer = try KafkaProducer(
            configuration: KafkaProducerConfiguration(bootstrapServers: cluster.bootstrapServers),
            eventHandler: events.handler
        )
        return (producer, events)
    }

    /// A new member of `group` reads `count` messages of `topic` (committing as it goes), then leaves.
    static func consumeAll(
        count: Int,
        topic: String,
        group: String,
        on cluster: EmbeddedKafkaCluster
    ) throws
        -> [KafkaMessage]
    {
        let consumer = try KafkaConsumer(
            configuration: KafkaConsumerConfiguration(bootstrapServers: cluster.bootstrapServers, groupID: group)
        )
        defer { consumer.close() }
        try consumer.subscribe(topics: [topic])
        return try consume(count: count, from: consumer)
    }

    /// Sends `messages` in order, waiting on backpressure; fails if the queue stays full for a minute.
    static func produce(_ seqs: some Sequence<UInt64>, to topic: String, with producer: KafkaProducer) throws {
        for seq in seqs {
            let message = TestMessage(seq: seq)
            while try producer.send(
                topic: topic,
                key: message.key,
                value: message.value,
                headers: message.headers,
                messageID: seq
            ) == .queueFull {
                guard producer.waitForQueueSpace(timeout: produceTimeout) else {
                    throw KafkaError(code: .timedOut, message: "producer queue stayed full")
                }
            }
        }
    }

    /// Polls until `count` messages were seen or `deadline` passes; returns owned copies in arrival order.
    static func consume(
        count: Int,
        from consumer: KafkaConsumer,
        deadline: Duration = .seconds(90)
    ) throws
        -> [KafkaMessage]
    {
        var messages = [KafkaMessage]()
        messages.reserveCapacity(count)
        let clock = ContinuousClock()
        let end = clock.now + deadline
        var pending = [KafkaTopicPartition: Int64]()
        while messages.count < count, clock.now < end {
            _ = try consumer.poll(timeout: .milliseconds(500)) { view in
                messages.append(view.copy())
                pending[KafkaTopicPartition(topic: view.topic, partition: view.partition)] = view.offset + 1
            }
            try consumer.commit(
                pending.map { KafkaPartitionOffset(topic: $0.key.topic, partition: $0.key.partition, offset: $0.value) }
            )
            pending.removeAll()
        }
        return messages
    }

    /// The `seq` header of a consumed message.
    static func seq(of message: KafkaMessage) -> UInt64? {
        message.header("seq").flatMap { UInt64(String(decoding: $0, as: UTF8.self)) }
    }
}
