import CRdKafka

/// State the C callbacks reach through the client's opaque pointer (`rd_kafka_conf_set_opaque`).
///
/// The consumer keeps this object alive longer than its `rd_kafka_t`. Callbacks run on the thread polling the
/// consumer queue; `eventHandler` is `@Sendable`, so any thread may call it.
final class ConsumerCallbackContext: Sendable {
    let eventHandler: @Sendable (KafkaConsumerEvent) -> Void

    init(eventHandler: @escaping @Sendable (KafkaConsumerEvent) -> Void) {
        self.eventHandler = eventHandler
    }

    /// Installs the rebalance and error callbacks on `conf` with this object as the opaque pointer.
    func install(on conf: OpaquePointer) {
        rd_kafka_conf_set_opaque(conf, Unmanaged.passUnretained(self).toOpaque())
        rd_kafka_conf_set_rebalance_cb(conf, consumerRebalanceCallback)
        rd_kafka_conf_set_error_cb(conf, consumerErrorCallback)
    }

    static func from(_ opaque: UnsafeMutableRawPointer?) -> ConsumerCallbackContext? {
        opaque.map { Unmanaged<ConsumerCallbackContext>.fromOpaque($0).takeUnretainedValue() }
    }
}

/// Applies a rebalance (eager or cooperative, as the group's protocol says) and reports it; a rebalance error is
/// handled as a revoke, as librdkafka asks.
private let consumerRebalanceCallback: RDKafkaRebalanceCallback = { handle, reason, partitions, opaque in
    guard let handle, let partitions, let context = ConsumerCallbackContext.from(opaque) else { return }
    let cooperative = String(cString: rd_kafka_rebalance_protocol(handle)) == "COOPERATIVE"
    let changed = RDKafkaTopicPartitionList.partitions(partitions).map(\.topicPartition)
    let assigning = reason == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS
    if !assigning {
        context.eventHandler(.partitionsRevoking(changed))
    }
    let failure: KafkaError?
    switch (assigning, cooperative) {
    case (true, true):
        failure = rd_kafka_incremental_assign(handle, partitions).map {
            KafkaError(consuming: $0, context: "could not take partitions \(changed)")
        }
    case (true, false):
        failure = check(rd_kafka_assign(handle, partitions), "could not take partitions \(changed)")
    case (false, true):
        failure = rd_kafka_incremental_unassign(handle, partitions).map {
            KafkaError(consuming: $0, context: "could not give up partitions \(changed)")
        }
    case (false, false):
        failure = check(rd_kafka_assign(handle, nil), "could not give up partitions \(changed)")
    }
    if reason != RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS, reason != RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS {
        context.eventHandler(.error(KafkaError(reason, "rebalance failed; gave up partitions \(changed)")))
    }
    if let failure {
        context.eventHandler(.error(failure))
    } else {
        context.eventHandler(assigning ? .partitionsAssigned(changed) : .partitionsRevoked(changed))
    }
}

private func check(_ result: rd_kafka_resp_err_t, _ message: String) -> KafkaError? {
    result == RD_KAFKA_RESP_ERR_NO_ERROR ? nil : KafkaError(result, message)
}

/// Reports client-level errors (`error_cb`).
private let consumerErrorCallback: RDKafkaErrorCallback = { _, code, reason, opaque in
    guard let context = ConsumerCallbackContext.from(opaque) else { return }
    context.eventHandler(.error(KafkaError(errorCallbackCode: code, reason: reason)))
}
