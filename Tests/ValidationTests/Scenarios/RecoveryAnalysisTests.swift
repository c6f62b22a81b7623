import Testing

@testable import Validation

@Suite("Recovery after a fault, judged from the probe's readings")
struct RecoveryAnalysisTests {
    /// Readings every 0.1 s from 0 to `until` s: `published` and `stored` as functions of time.
    private func readings(
        until: Double,
        published: (Double) -> Int64,
        stored: (Double) -> Int64,
        failed: Int64 = 0
    ) -> [RecoveryProbe.Reading] {
        stride(from: 0.0, through: until, by: 0.1).map { seconds in
            RecoveryProbe.Reading(
                seconds: seconds,
                published: published(seconds),
                failed: failed,
                stored: stored(seconds)
            )
        }
    }

    @Test("the backlog left at the fault's end is stored 0.5 s later and the rate is back: recovered in 0.5 s")
    func recovers() {
        // 1,000 events/s published throughout; nothing stored from 2 s to 3 s, the backlog gone by 3.5 s.
        let published: (Double) -> Int64 = { Int64(($0 * 1000).rounded()) }
        let stored: (Double) -> Int64 = { seconds in
            if seconds < 2 { return Int64((seconds * 1000).rounded()) }
            if seconds < 3 { return 2000 }
            if seconds < 3.5 { return 2000 + Int64(((seconds - 3) * 3000).rounded()) }
            return Int64((seconds * 1000).rounded())
        }
        let outcome = RecoveryAnalysis.judge(
            start: 2,
            end: 3,
            readings: readings(until: 6, published: published, stored: stored)
        )
        #expect(outcome.recovered)
        #expect(abs(outcome.seconds - 0.5) < 0.11, "\(outcome)")
        #expect(outcome.detail.contains("backlog of 1000 events"), "\(outcome.detail)")
    }

    @Test("a backlog never stored is not recovered, and says how much is missing")
    func neverRecovers() {
        let outcome = RecoveryAnalysis.judge(
            start: 1,
            end: 2,
            readings: readings(until: 5, published: { Int64($0 * 1000) }, stored: { min(Int64($0 * 1000), 1000) })
        )
        #expect(!outcome.recovered)
        #expect(outcome.detail.contains("not recovered"), "\(outcome.detail)")
    }

    @Test("events whose delivery failed are not a backlog")
    func failedDeliveriesAreNotBacklog() {
        let outcome = RecoveryAnalysis.judge(
            start: 1,
            end: 2,
            readings: readings(until: 3, published: { _ in 1000 }, stored: { _ in 900 }, failed: 100)
        )
        #expect(outcome.recovered, "\(outcome.detail)")
    }

    @Test("a fault the run ended inside recovered only if nothing was left to store")
    func endedInsideFault() {
        let done = readings(until: 3, published: { _ in 500 }, stored: { _ in 500 })
        #expect(RecoveryAnalysis.judge(start: 1, end: 10, readings: done).recovered)
        let stuck = readings(until: 3, published: { _ in 500 }, stored: { _ in 400 })
        #expect(!RecoveryAnalysis.judge(start: 1, end: 10, readings: stuck).recovered)
        #expect(!RecoveryAnalysis.judge(start: 1, end: 2, readings: []).recovered)
    }
}
