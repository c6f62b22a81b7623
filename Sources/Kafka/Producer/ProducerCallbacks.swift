import CRdKafka

/// Collects what librdkafka reports through the producer's C callbacks during one `rd_kafka_poll`.
///
/// The callbacks run only inside `rd_kafka_poll`, which ``ProducerEventQueue`` calls while holding its serving
/// lock, so one thread at a time touches the buffers: that is why `@unchecked Sendable` is safe here.
/// The same single-thread rule makes dynamic exclusivity checks redundant on the buffers; in a callgrind profile of
/// producing they were about 4% of all instructions, so they are turned off with `@exclusivity(unchecked)`.
final class ProducerCallbackContext: @unchecked Sendable {
    @exclusivity(unchecked) var reports: [KafkaDeliveryReport] = []
    @exclusivity(unchecked) var errors: [KafkaError] = []

    /// Installs the delivery-report and error callbacks on `conf` with this object as the opaque pointer.
    func install(on conf: OpaquePointer) {
        rd_kafka_conf_set_opaque(conf, Unmanaged.passUnretained(self).toOpaque())
        rd_kafka_conf_set_dr_msg_cb(conf, producerDeliveryCallback)
        rd_kafka_conf_set_error_cb(conf, producerErrorCallback)
    }

    static func from(_ opaque: UnsafeMutableRawPointer?) -> ProducerCallbackContext? {
        opaque.map { Unmanaged<ProducerCallbackContext>.fromOpaque($0).takeUnretainedValue() }
    }
}

/// Buffers one delivery report (`dr_msg_cb`); the message's opaque carries the caller's message id.
private let producerDeliveryCallback: RDKafkaDeliveryCallback = { _, message, opaque in
    guard let message = message?.pointee, let opaque else { return }
    let report = KafkaDeliveryReport(
        messageID: UInt64(UInt(bitPattern: message._private)),
        partition: message.partition,
        offset: message.offset,
        error: message.err == RD_KAFKA_RESP_ERR_NO_ERROR ? nil : KafkaError.Code(message.err)
    )
    // Guaranteed reference: the producer keeps the context alive; this avoids a retain/release per message.
    Unmanaged<ProducerCallbackContext>.fromOpaque(opaque)._withUnsafeGuaranteedRef { $0.reports.append(report) }
}

/// Buffers one client-level error (`error_cb`).
private let producerErrorCallback: RDKafkaErrorCallback = { _, code, reason, opaque in
    guard let context = ProducerCallbackContext.from(opaque) else { return }
    context.errors.append(KafkaError(errorCallbackCode: code, reason: reason))
}
