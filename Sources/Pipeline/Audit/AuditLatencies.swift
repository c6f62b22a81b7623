/// The stage latencies of stored events, from their stamps.
struct AuditLatencies {
    var ingestion = LatencyHistogram()
    var kafka = LatencyHistogram()
    var processing = LatencyHistogram()
    var storage = LatencyHistogram()
    var endToEnd = LatencyHistogram()

    /// ingestion = received → acked, kafka = acked → consumed, processing = consumed → processed,
    /// storage = processed → stored, end to end = received → stored.
    mutating func record(receivedNs: Int64, ackedNs: Int64?, row: StoredRow) {
        if let ackedNs {
            ingestion.record(nanoseconds: ackedNs - receivedNs)
            kafka.record(nanoseconds: row.consumedNs - ackedNs)
        }
        processing.record(nanoseconds: row.processedNs - row.consumedNs)
        if let storedNs = row.storedNs {
            storage.record(nanoseconds: storedNs - row.processedNs)
            endToEnd.record(nanoseconds: storedNs - receivedNs)
        }
    }

    var summaries: [AuditReport.StageLatency] {
        [
            ("ingestion", ingestion), ("kafka", kafka), ("processing", processing), ("storage", storage),
            ("end_to_end", endToEnd),
        ].map { name, histogram in
            AuditReport.StageLatency(
                stage: name,
                count: histogram.count,
                p50Ms: histogram.p50.milliseconds,
                p99Ms: histogram.p99.milliseconds,
                maxMs: histogram.max.milliseconds
            )
        }
    }
}
