import Synchronization

/// Running totals every component of one process adds to: lock-free counters read by the progress line, the
/// health monitor and the summary.
public final class PipelineCounters: Sendable {
    /// Events the source handed to the publisher.
    public let emitted = Atomic<Int64>(0)
    /// Events Kafka acknowledged.
    public let acked = Atomic<Int64>(0)
    /// Events whose delivery failed for good.
    public let deliveryFailed = Atomic<Int64>(0)
    /// Times the source waited for room (Kafka's queue full or the in-flight window full).
    public let backpressureWaits = Atomic<Int64>(0)
    /// Messages the processors took from Kafka.
    public let consumed = Atomic<Int64>(0)
    /// Messages processed (parsed and applied or set aside as bad).
    public let processed = Atomic<Int64>(0)
    /// Rows the sink stored in committed batches.
    public let stored = Atomic<Int64>(0)
    /// Rows the sink already held: duplicates delivered by Kafka and absorbed.
    public let duplicatesAbsorbed = Atomic<Int64>(0)
    /// Messages at or below their symbol's last applied `seq` (re-deliveries).
    public let redelivered = Atomic<Int64>(0)
    /// Lines the codec could not read (stored apart).
    public let badLines = Atomic<Int64>(0)
    /// Messages without the pipeline's headers, which cannot be identified and are skipped.
    public let unreadableMessages = Atomic<Int64>(0)
    /// Failures per stage, by ``PipelineStage``.
    public let kafkaErrors = Atomic<Int64>(0)
    public let sinkErrors = Atomic<Int64>(0)
    public let redisErrors = Atomic<Int64>(0)

    public init() {}
}

extension Atomic<Int64> {
    /// Adds `value` (relaxed: these are statistics).
    @inlinable
    public func add(_ value: Int64) {
        _ = wrappingAdd(value, ordering: .relaxed)
    }

    /// The current value (relaxed).
    @inlinable
    public var value: Int64 { load(ordering: .relaxed) }
}
