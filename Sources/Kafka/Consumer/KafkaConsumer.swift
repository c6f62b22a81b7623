import CRdKafka
import Synchronization

/// A group consumer with manual offset commits (`enable.auto.commit=false`).
///
/// Messages are fetched in batches by ``poll(maxMessages:timeout:_:)``, which also runs the group's rebalances
/// and reports them, with client errors, to the event handler. Poll from one thread at a time, off Swift's
/// cooperative pool (it blocks up to `timeout`). Commit an offset only after the message is safely stored:
/// storage then sees every message at least once.
public final class KafkaConsumer: Sendable {
    private let client: RDKafkaClient
    private let context: ConsumerCallbackContext
    private let queue: ConsumerQueue
    private let closed = Atomic<Bool>(false)

    /// Creates the consumer (`rd_kafka_new`) and routes all its events to the consumer queue
    /// (`rd_kafka_poll_set_consumer`). It joins the group on ``subscribe(topics:)``.
    public init(
        configuration: KafkaConsumerConfiguration,
        eventHandler: @escaping @Sendable (KafkaConsumerEvent) -> Void = { _ in }
    ) throws(KafkaError) {
        let conf = try RDKafkaConfig.make(configuration.properties)
        context = ConsumerCallbackContext(eventHandler: eventHandler)
        context.install(on: conf)
        client = try RDKafkaClient(kind: .consumer, conf: conf)
        rd_kafka_poll_set_consumer(client.handle)
        queue = ConsumerQueue(pointer: rd_kafka_queue_get_consumer(client.handle))
    }

    deinit {
        close()
        rd_kafka_queue_destroy(queue.pointer)
    }

    /// Subscribes to `topics` (`rd_kafka_subscribe`); partitions arrive with the next polls.
    public func subscribe(topics: [String]) throws(KafkaError) {
        let entries = topics.map { (topic: $0, partition: harness_partition_unassigned(), offset: Int64?.none) }
        try RDKafkaTopicPartitionList.with(entries) { list throws(KafkaError) in
            let result = rd_kafka_subscribe(client.handle, list)
            guard result == RD_KAFKA_RESP_ERR_NO_ERROR else {
                throw KafkaError(result, "could not subscribe to \(topics.joined(separator: ", "))")
            }
        }
    }

    /// Waits up to `timeout` for a message, then takes it and whatever else is ready, up to `maxMessages`, and
    /// calls `body` with each in partition order (`rd_kafka_consume_batch_queue`). Returns how many messages `body`
    /// saw. It does not wait for a full batch: librdkafka's call would hold on to the first message until the batch
    /// fills or `timeout` passes, adding up to `timeout` of latency under light traffic.
    ///
    /// Message-level errors go to the event handler, not to `body`. If `body` throws, the rest of the batch is
    /// skipped for this consumer's position: offsets you have not committed will be read again after a restart.
    public func poll(
        maxMessages: Int = 10_000,
        timeout: Duration,
        _ body: (KafkaMessageView) throws -> Void
    ) throws -> Int {
        let capacity = max(1, maxMessages)
        return try withUnsafeTemporaryAllocation(of: UnsafeMutablePointer<rd_kafka_message_t>?.self, capacity: capacity)
        {
            batch in
            let first = rd_kafka_consume_batch_queue(queue.pointer, timeout.timeoutMilliseconds, batch.baseAddress, 1)
            guard first >= 0 else {
                throw KafkaError(rd_kafka_last_error(), "polling the consumer failed")
            }
            var count = first
            if first == 1, capacity > 1 {
                count += max(0, rd_kafka_consume_batch_queue(queue.pointer, 0, batch.baseAddress! + 1, capacity - 1))
            }
            var delivered = 0
            defer {
                for index in 0..<count { rd_kafka_message_destroy(batch[index]) }
            }
            for index in 0..<count {
                let message = batch[index]!
                guard message.pointee.err == RD_KAFKA_RESP_ERR_NO_ERROR else {
                    context.eventHandler(.error(KafkaError(message: message)))
                    continue
                }
                try body(KafkaMessageView(message: message))
                delivered += 1
            }
            return delivered
        }
    }

    /// Commits `offsets` synchronously (`rd_kafka_commit`). Each offset is the next one to read: last stored + 1.
    public func commit(_ offsets: [KafkaPartitionOffset]) throws(KafkaError) {
        guard !offsets.isEmpty else { return }
        let entries = offsets.map { ($0.topicPartition.topic, $0.topicPartition.partition, Int64?.some($0.offset)) }
        try RDKafkaTopicPartitionList.with(entries) { list throws(KafkaError) in
            let result = rd_kafka_commit(client.handle, list, 0)
            guard result == RD_KAFKA_RESP_ERR_NO_ERROR else {
                throw KafkaError(result, "could not commit offsets \(offsets)")
            }
        }
    }

    /// The committed offsets of `partitions` (`rd_kafka_committed`); -1001 means none committed yet.
    public func committed(
        _ partitions: [KafkaTopicPartition],
        timeout: Duration
    ) throws(KafkaError) -> [KafkaPartitionOffset] {
        let entries = partitions.map { ($0.topic, $0.partition, Int64?.none) }
        return try RDKafkaTopicPartitionList.with(entries) { list throws(KafkaError) in
            let result = rd_kafka_committed(client.handle, list, timeout.timeoutMilliseconds)
            guard result == RD_KAFKA_RESP_ERR_NO_ERROR else {
                throw KafkaError(result, "could not read committed offsets of \(partitions)")
            }
            return RDKafkaTopicPartitionList.partitions(list)
        }
    }

    /// Moves the fetch position of assigned partitions (`rd_kafka_seek_partitions`): the next poll returns each
    /// partition's messages from `offset` on. How a consumer re-reads a batch its sink did not store.
    public func seek(_ offsets: [KafkaPartitionOffset], timeout: Duration) throws(KafkaError) {
        guard !offsets.isEmpty else { return }
        let entries = offsets.map { ($0.topicPartition.topic, $0.topicPartition.partition, Int64?.some($0.offset)) }
        try RDKafkaTopicPartitionList.with(entries) { list throws(KafkaError) in
            if let error = rd_kafka_seek_partitions(client.handle, list, timeout.timeoutMilliseconds) {
                let code = rd_kafka_error_code(error)
                let text = String(cString: rd_kafka_error_string(error))
                rd_kafka_error_destroy(error)
                throw KafkaError(code, "could not seek \(offsets): \(text)")
            }
            for index in 0..<Int(list.pointee.cnt) where list.pointee.elems[index].err != RD_KAFKA_RESP_ERR_NO_ERROR {
                throw KafkaError(list.pointee.elems[index].err, "could not seek \(offsets)")
            }
        }
    }

    /// Stops fetching from `partitions` (`rd_kafka_pause_partitions`) while keeping them assigned. Call it from the
    /// polling thread, between polls: librdkafka 2.0.2 can lose or repeat messages when pause or resume races a batch
    /// consume on another thread.
    public func pause(_ partitions: [KafkaTopicPartition]) throws(KafkaError) {
        try changeFlow(partitions, verb: "pause", rd_kafka_pause_partitions)
    }

    /// Fetches from paused `partitions` again (`rd_kafka_resume_partitions`). Same thread rule as ``pause(_:)``.
    public func resume(_ partitions: [KafkaTopicPartition]) throws(KafkaError) {
        try changeFlow(partitions, verb: "resume", rd_kafka_resume_partitions)
    }

    /// The partitions currently assigned to this consumer (`rd_kafka_assignment`).
    public func assignment() throws(KafkaError) -> [KafkaTopicPartition] {
        var list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?
        let result = rd_kafka_assignment(client.handle, &list)
        guard result == RD_KAFKA_RESP_ERR_NO_ERROR, let list else {
            throw KafkaError(result, "could not read the consumer's assignment")
        }
        defer { rd_kafka_topic_partition_list_destroy(list) }
        return RDKafkaTopicPartitionList.partitions(list).map(\.topicPartition)
    }

    /// The low and high watermark offsets of a partition, asked of its leader (`rd_kafka_query_watermark_offsets`).
    /// Consumer lag is `high` minus the committed offset.
    public func watermarks(
        of partition: KafkaTopicPartition,
        timeout: Duration
    ) throws(KafkaError) -> (low: Int64, high: Int64) {
        var low: Int64 = 0
        var high: Int64 = 0
        let result = rd_kafka_query_watermark_offsets(
            client.handle,
            partition.topic,
            partition.partition,
            &low,
            &high,
            timeout.timeoutMilliseconds
        )
        guard result == RD_KAFKA_RESP_ERR_NO_ERROR else {
            throw KafkaError(result, "could not read the watermarks of \(partition)")
        }
        return (low, high)
    }

    /// Leaves the group (`rd_kafka_consumer_close`), running the final revoke. Blocks until done; safe to call
    /// more than once. Commit what was stored before closing.
    public func close() {
        guard !closed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        _ = rd_kafka_consumer_close(client.handle)
    }

    private func changeFlow(
        _ partitions: [KafkaTopicPartition],
        verb: String,
        _ call: (OpaquePointer?, UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?) -> rd_kafka_resp_err_t
    ) throws(KafkaError) {
        let entries = partitions.map { ($0.topic, $0.partition, Int64?.none) }
        try RDKafkaTopicPartitionList.with(entries) { list throws(KafkaError) in
            let result = call(client.handle, list)
            guard result == RD_KAFKA_RESP_ERR_NO_ERROR else {
                throw KafkaError(result, "could not \(verb) \(partitions)")
            }
        }
    }
}

/// The consumer queue handle. `@unchecked Sendable`: librdkafka queues are thread-safe; the consumer destroys it
/// in `deinit`, after which nothing can reach it.
private struct ConsumerQueue: @unchecked Sendable {
    let pointer: OpaquePointer
}

extension KafkaError {
    /// Copies the error carried by a consumed message.
    init(message: UnsafePointer<rd_kafka_message_t>) {
        let detail =
            message.pointee.payload.map {
                String(
                    decoding: UnsafeRawBufferPointer(start: $0, count: message.pointee.len),
                    as: UTF8.self
                )
            } ?? KafkaError.Code(message.pointee.err).text
        self.init(message.pointee.err, "consume error on partition \(message.pointee.partition): \(detail)")
    }
}
