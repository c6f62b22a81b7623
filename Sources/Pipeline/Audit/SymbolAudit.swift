import MarketData

/// The audit of one symbol: the reference state, the Kafka order seen so far, and the checks of each event.
struct SymbolAudit {
    /// What the run database says about one event's publication.
    struct Delivery {
        var position: KafkaPosition
        var receivedNs: Int64
        var ackedNs: Int64
        var error: String?
    }

    let symbol: String
    let runID: UInt64
    let interrupted: Bool
    /// The last `seq` the source handed to Kafka; events after it were never published.
    let lastPublishedSeq: Int64
    /// Each partition's first offset still in Kafka at the end: older messages were dropped by retention.
    let retainedFrom: [Int32: Int64]
    private var reference: EventProcessor
    private var lastPosition: KafkaPosition?

    init(
        symbol: String,
        runID: UInt64,
        interrupted: Bool,
        lastPublishedSeq: Int64,
        retainedFrom: [Int32: Int64],
        level1Fields: Level1FieldList
    ) {
        self.symbol = symbol
        self.runID = runID
        self.interrupted = interrupted
        self.lastPublishedSeq = lastPublishedSeq
        self.retainedFrom = retainedFrom
        reference = EventProcessor(level1Fields: level1Fields)
    }

    /// Checks one capture event against its delivery record and the stored copies of it.
    mutating func check(
        seq: Int64,
        port: FeedPort,
        line: UnsafeRawBufferPointer,
        delivery: Delivery?,
        copies: [StoredRow],
        report: inout AuditReport,
        latencies: inout AuditLatencies
    ) {
        report.captureEvents += 1
        let expected = reference.process(line: line, port: port, seq: seq, symbol: symbol)
        if let delivery {
            report.published += 1
            if delivery.error == nil { report.acked += 1 } else { report.deliveryFailed += 1 }
        }
        guard let row = copies.first else {
            recordLoss(seq: seq, delivery: delivery, report: &report)
            return
        }
        report.stored += 1
        report.duplicatesStored += Int64(copies.count - 1)
        if copies.count > 1 {
            witness(
                seq: seq,
                lastStage: "sink",
                detail: "stored \(copies.count) times (Kafka positions "
                    + copies.map { "\($0.position.partition):\($0.position.offset)" }.joined(separator: ", ") + ")",
                into: &report.duplicateWitnesses
            )
        }
        if row.isBadLine { report.badLinesStored += 1 }
        if let lastPosition, lastPosition.partition == row.position.partition, row.position.offset < lastPosition.offset
        {
            report.reordered += 1
            witness(
                seq: seq,
                lastStage: "sink",
                detail: "stored from offset \(row.position.offset), before offset \(lastPosition.offset) of an "
                    + "earlier seq in partition \(row.position.partition)",
                into: &report.reorderedWitnesses
            )
        }
        lastPosition = row.position
        let ackedNs = delivery?.error == nil ? delivery?.ackedNs : nil
        if ackedNs != nil, row.storedNs != nil {
            report.traceComplete += 1
        } else {
            witness(
                seq: seq,
                lastStage: "sink",
                detail: ackedNs == nil
                    ? "stored, but its delivery (the acknowledged stamp) was never recorded"
                    : "stored without its stamp",
                into: &report.untracedWitnesses
            )
        }
        latencies.record(receivedNs: row.receivedNs, ackedNs: ackedNs, row: row)
        compare(seq: seq, expected: expected, copies: copies, report: &report)
    }

    /// Counts an event the feed lost (an injected source fault): lost at the source, and left out of the reference,
    /// as the pipeline never saw it.
    func lostAtFeed(seq: Int64, report: inout AuditReport) {
        report.captureEvents += 1
        report.lostAtSource += 1
        witness(
            seq: seq,
            lastStage: "source",
            detail: "lost by the feed (injected fault), never published",
            into: &report.feedLostWitnesses
        )
    }

    /// Counts a stored row for an event the capture does not have.
    func unexpected(_ row: StoredRow, report: inout AuditReport) {
        report.unexpected += 1
    }

    private func recordLoss(seq: Int64, delivery: Delivery?, report: inout AuditReport) {
        guard let delivery else {
            if seq <= lastPublishedSeq {
                report.lostInKafka += 1
                witness(
                    seq: seq,
                    lastStage: "source",
                    detail: "handed to Kafka, no delivery report before the producer closed",
                    into: &report.lostWitnesses
                )
            } else if interrupted {
                report.notPublishedAfterStop += 1
            } else {
                report.lostAtSource += 1
                witness(seq: seq, lastStage: "source", detail: "never published", into: &report.lostWitnesses)
            }
            return
        }
        let position = "partition \(delivery.position.partition) offset \(delivery.position.offset)"
        if let error = delivery.error {
            report.lostInKafka += 1
            witness(seq: seq, lastStage: "source", detail: "delivery failed: \(error)", into: &report.lostWitnesses)
        } else if let floor = retainedFrom[delivery.position.partition], delivery.position.offset < floor {
            report.lostInKafka += 1
            witness(
                seq: seq,
                lastStage: "kafka",
                detail: "acknowledged at \(position), dropped by Kafka's retention (the partition now starts at "
                    + "offset \(floor)) before it was stored",
                into: &report.lostWitnesses
            )
        } else {
            report.lostInProcessing += 1
            witness(
                seq: seq,
                lastStage: "kafka",
                detail: "acknowledged at \(position), never stored",
                into: &report.lostWitnesses
            )
        }
    }

    /// Compares every stored copy of an event with the reference (a sink must not hold a copy that differs).
    private func compare(seq: Int64, expected: EventProcessor.Outcome, copies: [StoredRow], report: inout AuditReport) {
        let expectedFeatures: StoredFeatures?
        switch expected {
        case .applied(let features, _): expectedFeatures = StoredFeatures(features)
        case .noSymbol: expectedFeatures = StoredFeatures(Features())
        case .bad: expectedFeatures = nil
        case .replayed: return
        }
        report.referenceCompared += 1
        let differing = copies.first { row in
            switch (row.features, expectedFeatures) {
            case (nil, nil): false
            case (let stored?, let expected?): !stored.agrees(with: expected)
            default: true
            }
        }
        guard let differing else { return }
        report.referenceMismatches += 1
        witness(
            seq: seq,
            lastStage: "sink",
            detail: "stored \(Self.describe(differing.features)), reference \(Self.describe(expectedFeatures))",
            into: &report.mismatchWitnesses
        )
    }

    private func witness(seq: Int64, lastStage: String, detail: String, into witnesses: inout [AuditReport.Witness]) {
        guard witnesses.count < AuditReport.witnessLimit else { return }
        witnesses.append(
            AuditReport.Witness(
                seq: seq,
                symbol: symbol,
                traceID: TraceContext(runID: runID, seq: seq).traceID,
                lastStage: lastStage,
                detail: detail
            )
        )
    }

    private static func describe(_ features: StoredFeatures?) -> String {
        guard let features else { return "a bad line" }
        func text(_ value: Double?) -> String { value.map { "\($0)" } ?? "-" }
        return "bid \(text(features.bid))x\(features.bidSize.map(String.init) ?? "-") ask \(text(features.ask))x"
            + "\(features.askSize.map(String.init) ?? "-") trades \(features.tradeCount)"
    }
}
