import Pipeline
import Testing
import Validation

@Suite("Checks decided by the audit")
struct AuditChecksTests {
    var clean: AuditReport {
        var audit = AuditReport()
        audit.captureEvents = 100
        audit.published = 100
        audit.acked = 100
        audit.stored = 100
        audit.traceComplete = 100
        audit.referenceCompared = 100
        return audit
    }

    let witness = AuditReport.Witness(
        seq: 42,
        symbol: "AAPL",
        traceID: "0123456789abcdef000000000000002a",
        lastStage: "kafka",
        detail: "acknowledged at partition 1 offset 7, never stored"
    )

    @Test("A clean audit passes every check it can decide; recovers and source gaps are the runner's")
    func cleanPasses() {
        for kind in CheckKind.allCases {
            let result = AuditChecks.evaluate(kind, on: clean)
            if kind == .recovers || kind == .sourceGapsDetected {
                #expect(result == nil)
            } else {
                #expect(result?.passed == true, "\(kind)")
            }
        }
    }

    @Test("Each check fails on its own defect, with the witnesses as evidence")
    func eachCheckCanFail() throws {
        var lost = clean
        lost.stored = 99
        lost.lostInProcessing = 1
        lost.lostWitnesses = [witness]
        let noLoss = try #require(AuditChecks.evaluate(.noLoss, on: lost))
        #expect(!noLoss.passed)
        #expect(noLoss.summary.hasPrefix("1 of 100 events lost"))
        #expect(
            noLoss.evidence == [
                "seq 42 AAPL trace 0123456789abcdef000000000000002a: last seen at kafka: "
                    + "acknowledged at partition 1 offset 7, never stored"
            ]
        )

        var copies = clean
        copies.duplicatesStored = 3
        #expect(AuditChecks.evaluate(.noDuplicates, on: copies)?.passed == false)

        var absorbed = clean
        absorbed.duplicatesDeliveredByKafka = 12
        #expect(AuditChecks.evaluate(.noDuplicates, on: absorbed)?.passed == true)

        var reordered = clean
        reordered.reordered = 1
        reordered.reorderedWitnesses = [witness]
        let order = try #require(AuditChecks.evaluate(.perSymbolOrder, on: reordered))
        #expect(!order.passed && order.evidence.count == 1)

        var untraced = clean
        untraced.traceComplete = 98
        #expect(AuditChecks.evaluate(.traceComplete, on: untraced)?.summary.contains("98.0%") == true)
        #expect(AuditChecks.evaluate(.traceComplete, on: untraced)?.passed == false)

        var different = clean
        different.referenceMismatches = 2
        #expect(AuditChecks.evaluate(.matchesReference, on: different)?.passed == false)
        var uncompared = clean
        uncompared.referenceCompared = 90
        #expect(AuditChecks.evaluate(.matchesReference, on: uncompared)?.passed == false)
    }
}
