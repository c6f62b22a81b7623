/// Producer settings. Defaults: idempotent, `acks=all`, lz4, 5 ms linger; see each field.
public struct KafkaProducerConfiguration: Sendable {
    /// Compression codec for produced batches (`compression.codec`).
    public enum Compression: String, Sendable, CaseIterable {
        case none, gzip, snappy, lz4, zstd
    }

    /// Acknowledgements the leader waits for before a produce request succeeds (`acks`).
    public enum Acks: String, Sendable {
        /// `acks=all`: every in-sync replica has the batch.
        case all = "all"
        /// `acks=1`: the leader has the batch.
        case leader = "1"
        /// `acks=0`: no acknowledgement; delivery reports then carry no offsets.
        case none = "0"
    }

    /// Connection settings shared with other clients.
    public var common: KafkaConfiguration
    /// `enable.idempotence`. Default `true`: retries cannot reorder or duplicate within a partition.
    public var idempotent = true
    /// `acks`. Default ``Acks/all``.
    public var acks = Acks.all
    /// `compression.codec`. Default ``Compression/lz4``.
    public var compression = Compression.lz4
    /// `linger.ms`: how long a batch may wait to fill. Default 5 ms.
    public var linger: Duration = .milliseconds(5)
    /// `queue.buffering.max.messages`: messages in flight before ``KafkaProducer`` reports backpressure.
    /// Default 500,000.
    public var maxQueuedMessages = 500_000
    /// `batch.size` in bytes. Default 1 MiB.
    public var batchSizeBytes = 1_048_576
    /// `message.timeout.ms`: a message not delivered in this time fails with `_MSG_TIMED_OUT`. Default 300 s.
    public var messageTimeout: Duration = .seconds(300)

    public init(bootstrapServers: String) {
        self.common = KafkaConfiguration(bootstrapServers: bootstrapServers)
    }

    var properties: [(String, String)] {
        common.properties + [
            ("enable.idempotence", String(idempotent)),
            ("acks", acks.rawValue),
            ("compression.codec", compression.rawValue),
            ("linger.ms", String(linger.milliseconds)),
            ("queue.buffering.max.messages", String(maxQueuedMessages)),
            ("batch.size", String(batchSizeBytes)),
            ("message.timeout.ms", String(messageTimeout.milliseconds)),
        ] + common.raw.sorted { $0.key < $1.key }
    }
}
