import Synchronization

/// Running totals of one ``LiveFeedSource``: where each received line went. Lock-free, read by the progress line,
/// the health monitor and the tests.
///
/// Every line received is published straight to Kafka, spilled to the journal, or lost:
/// `received == publishedDirect + spilled + lost`. Spilled lines leave the journal only as `drained`.
public final class LiveSourceCounters: Sendable {
    /// Lines taken from the feed (each got a `seq`).
    public let received = Atomic<Int64>(0)
    /// Lines handed straight to Kafka.
    public let publishedDirect = Atomic<Int64>(0)
    /// Lines written to the spill journal (Kafka's queue was full, the breaker open, or the journal not empty).
    public let spilled = Atomic<Int64>(0)
    /// Journaled lines Kafka acknowledged, then removed from the journal.
    public let drained = Atomic<Int64>(0)
    /// Lines in the journal now.
    public let journalDepth = Atomic<Int64>(0)
    /// Times the source turned from Kafka to the journal.
    public let spillEpisodes = Atomic<Int64>(0)
    /// Journaled lines sent again because a delivery in their batch failed (Kafka may then hold them twice).
    public let resent = Atomic<Int64>(0)
    /// Lines neither handed to Kafka nor journaled (the journal could not be written): each leaves a `seq` gap.
    public let lost = Atomic<Int64>(0)
    /// Journal reads, writes or removals that failed.
    public let journalErrors = Atomic<Int64>(0)

    public init() {}
}
