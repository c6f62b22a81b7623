/// Judges recovery after a fault from the probe's readings: the fault has recovered once every event published
/// before it ended is stored (the backlog it left, i.e. the consumer lag it caused, is back to zero) and the stored
/// rate over the last second is back within 90% of the rate of the two seconds before the fault started. When the
/// source has already finished, the backlog alone decides (there is no rate left to get back to); so it does when
/// nothing was stored in the half second before the fault (no rate to compare with).
enum RecoveryAnalysis {
    /// The share of the pre-fault rate that counts as back.
    static let rateShare = 0.9

    /// The outcome for one fault.
    struct Outcome: Sendable, Hashable {
        /// Seconds from the fault's end until it had recovered; when it never did, seconds until the last reading
        /// (a lower bound) and `recovered` is false.
        var seconds: Double
        var recovered: Bool
        var detail: String
    }

    /// Recovery of a fault that ran from `start` to `end` (seconds since replay start). Events whose delivery failed
    /// are never stored, so they do not count as a backlog.
    static func judge(start: Double, end: Double, readings: [RecoveryProbe.Reading]) -> Outcome {
        guard let last = readings.last else {
            return Outcome(seconds: 0, recovered: false, detail: "no readings of the pipeline were taken")
        }
        let before = readings.filter { $0.seconds >= start - 2 && $0.seconds <= start }
        let preRate = rate(before)
        guard let atEnd = readings.first(where: { $0.seconds >= end }) else {
            // The run ended before the fault did: it recovered only if everything published was stored by then.
            let backlog = last.published - last.failed - last.stored
            return backlog <= 0
                ? Outcome(seconds: 0, recovered: true, detail: "everything published was stored before the fault ended")
                : Outcome(
                    seconds: 0,
                    recovered: false,
                    detail: "the run ended before the fault did, with \(backlog) published events not stored"
                )
        }
        let finalPublished = last.published
        var caughtUp: RecoveryProbe.Reading?
        var rateBack: Double?
        for (index, reading) in readings.enumerated() where reading.seconds >= end {
            if caughtUp == nil, reading.stored >= atEnd.published - reading.failed { caughtUp = reading }
            if rateBack == nil {
                let sourceDone =
                    reading.published == finalPublished && reading.stored >= finalPublished - reading.failed
                let window = readings[..<(index + 1)].filter { $0.seconds >= reading.seconds - 1 }
                let windowLongEnough = reading.seconds - (window.first?.seconds ?? reading.seconds) >= 0.9
                if sourceDone || preRate == nil
                    || (windowLongEnough && (rate(Array(window)) ?? 0) >= rateShare * (preRate ?? 0))
                {
                    rateBack = reading.seconds
                }
            }
            if let caughtUp, let rateBack {
                let recoveredAt = max(caughtUp.seconds, rateBack)
                let preText = preRate.map { "\(Int($0)) events/s before the fault" } ?? "no rate before the fault"
                return Outcome(
                    seconds: max(0, recoveredAt - end),
                    recovered: true,
                    detail:
                        "backlog of \(max(0, atEnd.published - atEnd.failed - atEnd.stored)) events at the fault's end stored "
                        + "\(FaultTimeline.format(caughtUp.seconds - end)) after it; rate back at \(FaultTimeline.format(rateBack - end)) ("
                        + preText + ")"
                )
            }
        }
        return Outcome(
            seconds: max(0, last.seconds - end),
            recovered: false,
            detail: "not recovered \(FaultTimeline.format(last.seconds - end)) after the fault ended: "
                + "\(max(0, atEnd.published - last.failed - last.stored)) of the events published before its end not stored"
                + (rateBack == nil
                    ? ", rate not back to \(Int(rateShare * 100))% of \(Int(preRate ?? 0)) events/s" : "")
        )
    }

    /// Events stored per second over `readings`; `nil` for less than half a second of readings or nothing stored.
    private static func rate(_ readings: [RecoveryProbe.Reading]) -> Double? {
        guard let first = readings.first, let last = readings.last, last.seconds - first.seconds >= 0.5 else {
            return nil
        }
        let stored = Double(last.stored - first.stored)
        return stored > 0 ? stored / (last.seconds - first.seconds) : nil
    }
}
