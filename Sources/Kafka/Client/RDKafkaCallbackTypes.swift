import CRdKafka

/// `error_cb`: handle, error code, reason, opaque.
typealias RDKafkaErrorCallback =
    @convention(c) (OpaquePointer?, Int32, UnsafePointer<CChar>?, UnsafeMutableRawPointer?) -> Void

/// `dr_msg_cb`: handle, the delivered message, opaque.
typealias RDKafkaDeliveryCallback =
    @convention(c) (OpaquePointer?, UnsafePointer<rd_kafka_message_t>?, UnsafeMutableRawPointer?) -> Void

/// `rebalance_cb`: handle, assign or revoke, the partitions, opaque.
typealias RDKafkaRebalanceCallback =
    @convention(c) (
        OpaquePointer?, rd_kafka_resp_err_t, UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?,
        UnsafeMutableRawPointer?
    ) -> Void
