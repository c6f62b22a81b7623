/// Group consumer settings. Offsets are committed only by the application (`enable.auto.commit=false`).
public struct KafkaConsumerConfiguration: Sendable {
    /// Where a partition without a committed offset starts (`auto.offset.reset`).
    public enum OffsetReset: String, Sendable {
        case earliest, latest
    }

    /// Connection settings shared with other clients.
    public var common: KafkaConfiguration
    /// `group.id`. Default `harness-processors`.
    public var groupID = "harness-processors"
    /// `auto.offset.reset`. Default ``OffsetReset/earliest``: a new group reads a topic from its start.
    public var offsetReset = OffsetReset.earliest
    /// `session.timeout.ms`. Default 10 s.
    public var sessionTimeout: Duration = .seconds(10)
    /// `queued.min.messages`: messages prefetched per partition. Default 1,000,000; librdkafka 2.0.2 pauses a
    /// partition for a second when a smaller queue fills, which caps throughput.
    public var queuedMinMessages = 1_000_000
    /// `queued.max.messages.kbytes`: prefetch memory cap. Default 1 GiB.
    public var queuedMaxKilobytes = 1_048_576
    /// `fetch.wait.max.ms`: how long a broker holds a fetch for data. Default 100 ms.
    public var fetchWaitMax: Duration = .milliseconds(100)
    /// `partition.assignment.strategy`. Default `range,roundrobin` (librdkafka's); `cooperative-sticky` works too.
    public var assignmentStrategy = "range,roundrobin"

    public init(bootstrapServers: String, groupID: String = "harness-processors") {
        self.common = KafkaConfiguration(bootstrapServers: bootstrapServers)
        self.groupID = groupID
    }

    var properties: [(String, String)] {
        common.properties + [
            ("group.id", groupID),
            ("enable.auto.commit", "false"),
            ("enable.auto.offset.store", "false"),
            ("enable.partition.eof", "false"),
            ("auto.offset.reset", offsetReset.rawValue),
            ("session.timeout.ms", String(sessionTimeout.milliseconds)),
            ("queued.min.messages", String(queuedMinMessages)),
            ("queued.max.messages.kbytes", String(queuedMaxKilobytes)),
            ("fetch.wait.max.ms", String(fetchWaitMax.milliseconds)),
            ("partition.assignment.strategy", assignmentStrategy),
        ] + common.raw.sorted { $0.key < $1.key }
    }
}
