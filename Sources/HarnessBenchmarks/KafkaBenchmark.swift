import CRdKafkaReference
import Foundation
import Kafka
import Synchronization

/// One phase of the Kafka benchmark, against a fresh embedded cluster so phases do not disturb each other.
struct KafkaBenchmark {
    let cluster: EmbeddedKafkaCluster
    let messages: BenchmarkMessages
    let partitions: Int

    init(brokers: Int, messages: BenchmarkMessages, partitions: Int) throws {
        cluster = try EmbeddedKafkaCluster(brokers: brokers)
        self.messages = messages
        self.partitions = partitions
    }

    /// Produces every message with delivery reports; returns messages/s from the first send to the last report.
    func produce(topic: String, withHeaders: Bool) throws -> Double {
        try cluster.createTopic(topic, partitions: partitions)
        let counter = DeliveryCounter(expected: messages.count)
        let producer = try KafkaProducer(configuration: producerConfiguration) { event in
            if case .deliveryReports(let reports) = event {
                counter.record(delivered: reports.count, failed: reports.count { $0.error != nil })
            }
        }
        defer { producer.close() }
        let watch = Stopwatch()
        try send(with: producer, topic: topic, withHeaders: withHeaders)
        try producer.flush(timeout: .seconds(120))
        counter.wait()
        let rate = watch.rate(messages.count)
        guard counter.failures == 0 else {
            throw BenchmarkError("\(counter.failures) messages failed delivery to \(topic)")
        }
        return rate
    }

    /// Consumes the backlog of `topic` with a group consumer; returns messages/s from the first message to the last
    /// (the group join, about 3 s on the mock, is not counted) and how many arrived.
    func consume(topic: String) throws -> (rate: Double, count: Int) {
        let consumer = try KafkaConsumer(configuration: consumerConfiguration(group: "bench-\(topic)"))
        defer { consumer.close() }
        try consumer.subscribe(topics: [topic])
        var count = 0
        var firstMessage: ContinuousClock.Instant?
        var lastMessage = ContinuousClock.now
        var idlePolls = 0
        while count < messages.count, idlePolls < 20 {
            let got = try consumer.poll(timeout: .milliseconds(500)) { _ in }
            if got > 0 {
                firstMessage = firstMessage ?? .now
                lastMessage = .now
            }
            idlePolls = got == 0 && firstMessage != nil ? idlePolls + 1 : 0
            count += got
        }
        guard let firstMessage else { return (0, 0) }
        return (Double(count) / (lastMessage - firstMessage).seconds, count)
    }

    /// Produces on one thread while a group consumer reads on this one; returns end-to-end messages/s from the
    /// first send until every message was consumed, and whether each arrived exactly once.
    func produceAndConsume(topic: String) throws -> (rate: Double, exactlyOnce: Bool) {
        try cluster.createTopic(topic, partitions: partitions)
        let consumer = try KafkaConsumer(configuration: consumerConfiguration(group: "bench-\(topic)"))
        defer { consumer.close() }
        try consumer.subscribe(topics: [topic])
        while try consumer.assignment().count < partitions {
            _ = try consumer.poll(timeout: .milliseconds(100)) { _ in }
        }
        let counter = DeliveryCounter(expected: messages.count)
        let producer = try KafkaProducer(configuration: producerConfiguration) { event in
            if case .deliveryReports(let reports) = event {
                counter.record(delivered: reports.count, failed: reports.count { $0.error != nil })
            }
        }
        defer { producer.close() }
        let producing = ProducerThread(benchmark: self, producer: producer, topic: topic)
        let watch = Stopwatch()
        producing.start()
        var seen = [Bool](repeating: false, count: messages.count + 1)
        var distinct = 0
        var duplicates = 0
        var idlePolls = 0
        while distinct < messages.count, idlePolls < 20 {
            let got = try consumer.poll(timeout: .milliseconds(500)) { message in
                let seq = BenchmarkMessages.seq(in: message.value)
                if seen[seq] { duplicates += 1 } else { seen[seq] = true; distinct += 1 }
            }
            idlePolls = got == 0 ? idlePolls + 1 : 0
        }
        let rate = watch.rate(distinct)
        try producing.join()
        try producer.flush(timeout: .seconds(120))
        counter.wait()
        return (rate, distinct == messages.count && duplicates == 0 && counter.failures == 0)
    }

    /// The plain C program (``reference_produce``) producing the same messages.
    func referenceProduce(topic: String) throws -> Double {
        try cluster.createTopic(topic, partitions: partitions)
        let rate = messages.withCBuffers { values, size, keys in
            reference_produce(cluster.bootstrapServers, topic, values, size, messages.count, keys, keys.count)
        }
        guard rate > 0 else { throw BenchmarkError("the C reference producer failed on \(topic)") }
        return rate
    }

    /// The plain C program (``reference_produce_consume``) producing and consuming at once.
    func referenceProduceAndConsume(topic: String) throws -> Double {
        try cluster.createTopic(topic, partitions: partitions)
        let rate = messages.withCBuffers { values, size, keys in
            reference_produce_consume(
                cluster.bootstrapServers,
                topic,
                Int32(partitions),
                values,
                size,
                messages.count,
                keys,
                keys.count
            )
        }
        guard rate > 0 else { throw BenchmarkError("the C reference produce+consume failed on \(topic)") }
        return rate
    }

    /// `kcat -P` producing the same keyed lines into the same cluster with the same producer settings.
    func kcatProduce(topic: String, inputFile: String) throws -> Double {
        try cluster.createTopic(topic, partitions: partitions)
        let kcat = Process()
        kcat.executableURL = URL(fileURLWithPath: "/usr/bin/kcat")
        kcat.arguments =
            ["-P", "-b", cluster.bootstrapServers, "-t", topic, "-K:", "-l"]
            + ["-X", "enable.idempotence=true", "-X", "acks=all", "-X", "compression.codec=lz4"]
            + ["-X", "linger.ms=5", "-X", "queue.buffering.max.messages=500000", "-X", "batch.size=1048576"]
            + [inputFile]
        let watch = Stopwatch()
        try kcat.run()
        kcat.waitUntilExit()
        let rate = watch.rate(messages.count)
        guard kcat.terminationStatus == 0 else {
            throw BenchmarkError("kcat -P exited with status \(kcat.terminationStatus)")
        }
        return rate
    }

    func send(with producer: KafkaProducer, topic name: String, withHeaders: Bool) throws {
        let topic = try producer.topic(name)
        try messages.forEach { index, key, value in
            let headers = withHeaders ? Self.pipelineHeaders(seq: index + 1) : []
            while try producer.send(to: topic, key: key, value: value, headers: headers, messageID: UInt64(index + 1))
                == .queueFull
            {
                _ = producer.waitForQueueSpace(timeout: .seconds(10))
            }
        }
    }

    /// The four headers the pipeline puts on every raw line.
    private static func pipelineHeaders(seq: Int) -> [KafkaHeader] {
        [
            KafkaHeader(name: "traceparent", value: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"),
            KafkaHeader(name: "seq", value: String(seq)),
            KafkaHeader(name: "recv_ns", value: String(1_700_000_000_000_000_000 + seq)),
            KafkaHeader(name: "port", value: "5009"),
        ]
    }

    private var producerConfiguration: KafkaProducerConfiguration {
        KafkaProducerConfiguration(bootstrapServers: cluster.bootstrapServers)
    }

    private func consumerConfiguration(group: String) -> KafkaConsumerConfiguration {
        KafkaConsumerConfiguration(bootstrapServers: cluster.bootstrapServers, groupID: group)
    }
}

/// Runs ``KafkaBenchmark/send(with:topic:withHeaders:)`` on its own thread.
///
/// `@unchecked Sendable`: `error` is written by the thread before it signals `finished` and read after `join()`.
private final class ProducerThread: @unchecked Sendable {
    private let benchmark: KafkaBenchmark
    private let producer: KafkaProducer
    private let topic: String
    private let finished = DispatchSemaphore(value: 0)
    private var error: Error?

    init(benchmark: KafkaBenchmark, producer: KafkaProducer, topic: String) {
        self.benchmark = benchmark
        self.producer = producer
        self.topic = topic
    }

    func start() {
        Thread {
            do {
                try self.benchmark.send(with: self.producer, topic: self.topic, withHeaders: false)
            } catch {
                self.error = error
            }
            self.finished.signal()
        }.start()
    }

    func join() throws {
        finished.wait()
        if let error { throw error }
    }
}

/// A benchmark that could not complete, with the reason.
struct BenchmarkError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
