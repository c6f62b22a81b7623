import CRdKafka
import Foundation
import Synchronization

/// A Kafka producer: keyed messages with headers, idempotent and `acks=all` by default.
///
/// Every message sent gets exactly one ``KafkaDeliveryReport``, handed to the event handler in batches, one batch
/// at a time and in librdkafka's order, on a sending thread (every 128 sends) or on the producer's watcher thread
/// (within a millisecond while messages are being sent, at once while none are). Keep the handler short: count, stamp, hand over. A full local queue is
/// backpressure, not an error: ``send(topic:partition:key:value:headers:messageID:)`` returns
/// ``KafkaSendResult/queueFull`` and ``waitForQueueSpace(timeout:)`` serves deliveries until room is freed.
///
/// The handler runs with the producer's serving lock held: it must not call ``flush(timeout:)``,
/// ``waitForQueueSpace(timeout:)`` or ``close(flushTimeout:)``, and should not hold the producer strongly (that is a
/// reference cycle). Call ``close(flushTimeout:)`` after the last send has returned.
public final class KafkaProducer: Sendable {
    private let client: RDKafkaClient
    private let events: ProducerEventQueue
    private let topics = Mutex<[String: TopicHandle]>([:])
    private let closed = Atomic<Bool>(false)
    private let maxQueuedMessages: Int

    /// Connects to `configuration.common.bootstrapServers` (`rd_kafka_new`) and starts the watcher thread that serves delivery reports.
    public init(
        configuration: KafkaProducerConfiguration,
        eventHandler: @escaping @Sendable (KafkaProducerEvent) -> Void
    ) throws(KafkaError) {
        let conf = try RDKafkaConfig.make(configuration.properties)
        maxQueuedMessages = RDKafkaConfig.intValue(of: "queue.buffering.max.messages", in: conf) ?? Int.max
        let context = ProducerCallbackContext()
        context.install(on: conf)
        client = try RDKafkaClient(kind: .producer, conf: conf)
        events = ProducerEventQueue(client: client, context: context, handler: eventHandler)
        events.startWatcher(name: "kafka-dr")
    }

    deinit {
        close(flushTimeout: .zero)
    }

    /// A topic this producer sends to, resolved once so the hot path does no name lookup.
    public struct Topic: Sendable {
        /// The topic's name.
        public let name: String
        let handle: TopicHandle
    }

    /// Resolves `name` to a ``Topic`` for ``send(to:partition:key:value:headers:messageID:)``. The handle lives as
    /// long as the producer.
    public func topic(_ name: String) throws(KafkaError) -> Topic {
        guard !closed.load(ordering: .acquiring) else {
            throw KafkaError(code: .invalidArgument, message: "topic \(name) asked of a closed producer")
        }
        let handle = topics.withLock { topics -> TopicHandle? in
            if let handle = topics[name] { return handle }
            guard let pointer = rd_kafka_topic_new(client.handle, name, nil) else { return nil }
            let handle = TopicHandle(pointer: pointer)
            topics[name] = handle
            return handle
        }
        guard let handle else {
            throw KafkaError(rd_kafka_last_error(), "could not create a handle for topic \(name)")
        }
        return Topic(name: name, handle: handle)
    }

    /// Queues one message to the topic called `topic`; see ``send(to:partition:key:value:headers:messageID:)``.
    /// Resolving the name costs a lookup per message: hot paths resolve a ``Topic`` once.
    public func send(
        topic: String,
        partition: Int32? = nil,
        key: some KafkaBytes,
        value: some KafkaBytes,
        headers: [KafkaHeader] = [],
        messageID: UInt64 = 0
    ) throws(KafkaError) -> KafkaSendResult {
        try send(
            to: self.topic(topic),
            partition: partition,
            key: key,
            value: value,
            headers: headers,
            messageID: messageID
        )
    }

    /// Queues one message (`rd_kafka_producev` with `RD_KAFKA_MSG_F_COPY`); key and value are copied. Every 128th
    /// send also hands over the delivery reports that are ready.
    ///
    /// - Parameters:
    ///   - partition: `nil` lets the partitioner pick by key (librdkafka's default, consistent_random).
    ///   - messageID: returned in the delivery report; the harness uses the capture `seq`.
    /// - Returns: ``KafkaSendResult/queued`` or ``KafkaSendResult/queueFull`` (nothing queued; retry).
    /// - Throws: any other refusal, e.g. an unknown partition, a message too large, a fatal producer state or a
    ///   closed producer.
    @inlinable
    public func send(
        to topic: Topic,
        partition: Int32? = nil,
        key: some KafkaBytes,
        value: some KafkaBytes,
        headers: [KafkaHeader] = [],
        messageID: UInt64 = 0
    ) throws(KafkaError) -> KafkaSendResult {
        let result = key.withKafkaBytes { key in
            value.withKafkaBytes { value in
                Result { () throws(KafkaError) in
                    try sendBytes(
                        to: topic,
                        partition: partition,
                        key: key,
                        value: value,
                        headers: headers,
                        messageID: messageID
                    )
                }
            }
        }
        return try result.get()
    }

    /// ``send(to:partition:key:value:headers:messageID:)`` for bytes already in memory: the non-generic core.
    public func sendBytes(
        to topic: Topic,
        partition: Int32?,
        key: UnsafeRawBufferPointer,
        value: UnsafeRawBufferPointer,
        headers: [KafkaHeader],
        messageID: UInt64
    ) throws(KafkaError) -> KafkaSendResult {
        try sendBytes(
            to: topic,
            partition: partition,
            key: key,
            value: value,
            cHeaders: headers.isEmpty ? nil : Self.makeHeaders(headers),
            messageID: messageID
        )
    }

    /// Queues one message with a C header list that this call takes ownership of (librdkafka frees it with the
    /// message, this call frees it when nothing was queued).
    func sendBytes(
        to topic: Topic,
        partition: Int32?,
        key: UnsafeRawBufferPointer,
        value: UnsafeRawBufferPointer,
        cHeaders: OpaquePointer?,
        messageID: UInt64
    ) throws(KafkaError) -> KafkaSendResult {
        guard !closed.load(ordering: .relaxed) else {
            if let cHeaders { rd_kafka_headers_destroy(cHeaders) }
            throw KafkaError(code: .invalidArgument, message: "message \(messageID) sent after the producer was closed")
        }
        let result = harness_produce(
            client.handle,
            topic.handle.pointer,
            partition ?? harness_partition_unassigned(),
            key.baseAddress,
            key.count,
            value.baseAddress,
            value.count,
            cHeaders,
            UnsafeMutableRawPointer(bitPattern: UInt(messageID))
        )
        switch result {
        case RD_KAFKA_RESP_ERR_NO_ERROR:
            events.didSend()
            return .queued
        case RD_KAFKA_RESP_ERR__QUEUE_FULL:
            if let cHeaders { rd_kafka_headers_destroy(cHeaders) }
            return .queueFull
        default:
            if let cHeaders { rd_kafka_headers_destroy(cHeaders) }
            throw KafkaError(result, "could not produce message \(messageID) to topic \(topic.name)")
        }
    }

    /// Call after ``KafkaSendResult/queueFull``: serves delivery reports until some were handed over (by this or
    /// another thread, which frees their queue room) or fewer than `queue.buffering.max.messages` are in flight,
    /// or `timeout` passes. Returns `false` on time-out, e.g. while every broker is down.
    public func waitForQueueSpace(timeout: Duration) -> Bool {
        let reportsBefore = events.reportsHandedOver
        let deadline = ContinuousClock.now + timeout
        while true {
            let left = deadline - .now
            events.serve(waitingUpTo: max(.zero, min(left, .milliseconds(10))))
            if events.reportsHandedOver != reportsBefore || inFlightCount < maxQueuedMessages { return true }
            if left <= .zero { return false }
        }
    }

    /// Messages queued or in flight whose delivery report has not been handed over yet (`rd_kafka_outq_len`).
    public var inFlightCount: Int {
        Int(rd_kafka_outq_len(client.handle))
    }

    /// Serves delivery reports until every queued message has its report handed over.
    /// - Throws: ``KafkaError/Code/timedOut`` naming how many messages are still in flight.
    public func flush(timeout: Duration) throws(KafkaError) {
        // Not `rd_kafka_flush`: it would run the delivery callbacks outside the serving lock.
        let deadline = ContinuousClock.now + timeout
        while inFlightCount > 0 {
            let left = deadline - .now
            guard left > .zero else {
                throw KafkaError(code: .timedOut, message: "\(inFlightCount) messages still in flight after \(timeout)")
            }
            events.serve(waitingUpTo: min(left, .milliseconds(100)))
        }
        events.serve(waitingUpTo: .zero)
    }

    /// Flushes for up to `flushTimeout`, then stops the watcher thread and releases the topic handles. Reports that
    /// arrive after this are not handed over (with `.zero`, as in `deinit`, none that are pending are). Call it after
    /// the last send has returned; safe to call more than once.
    public func close(flushTimeout: Duration = .seconds(10)) {
        guard !closed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        if flushTimeout > .zero {
            try? flush(timeout: flushTimeout)
        }
        events.stopWatcher()
        topics.withLock { topics in
            for handle in topics.values { rd_kafka_topic_destroy(handle.pointer) }
            topics.removeAll()
        }
    }

    private static func makeHeaders(_ headers: [KafkaHeader]) -> OpaquePointer {
        let cHeaders = rd_kafka_headers_new(headers.count)!
        for header in headers {
            header.value.withUnsafeBytes { value in
                _ = rd_kafka_header_add(cHeaders, header.name, -1, value.baseAddress, value.count)
            }
        }
        return cHeaders
    }
}

/// A topic handle owned by one producer. `@unchecked Sendable`: `rd_kafka_topic_t` is thread-safe and destroyed
/// only in ``KafkaProducer/close(flushTimeout:)``, after which the producer sends nothing.
struct TopicHandle: @unchecked Sendable {
    let pointer: OpaquePointer
}
