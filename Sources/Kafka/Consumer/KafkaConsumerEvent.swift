/// What a ``KafkaConsumer`` reports to its event handler, on the thread that calls ``KafkaConsumer/poll(maxMessages:timeout:_:)``.
public enum KafkaConsumerEvent: Sendable {
    /// The group gave this consumer these partitions (already assigned when the handler runs).
    case partitionsAssigned([KafkaTopicPartition])
    /// The group is taking these partitions away; they are still assigned while the handler runs, so it can
    /// finish and commit what it holds of them first (on the polling thread, inside the rebalance).
    case partitionsRevoking([KafkaTopicPartition])
    /// The group took these partitions away (already unassigned when the handler runs).
    case partitionsRevoked([KafkaTopicPartition])
    /// A client-level or fetch error; librdkafka keeps retrying unless `isFatal` is set.
    case error(KafkaError)
}
