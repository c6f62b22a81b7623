import Testing

@testable import Validation

@Suite("The stretches a threshold window judges")
struct MetricSeriesTests {
    private func fault(_ start: Double?, _ end: Double?) -> FaultRecord {
        var record = FaultRecord(
            spec: FaultSpec(kind: .redisDown, start: .at(.seconds(1)), length: .seconds(1), parameters: [:], line: 1),
            label: "redis.down"
        )
        record.startedSeconds = start
        record.endedSeconds = end
        return record
    }

    @Test("during: each fault that ran, in time order; after: from each end to the next start, the last open")
    func stretches() {
        let faults = [fault(5, 7), fault(1, 2), fault(nil, nil)]
        #expect(MetricSeries.stretches(nil, faults: faults) == nil)
        #expect(MetricSeries.stretches(.duringFaults, faults: faults) == [1...2, 5...7])
        #expect(MetricSeries.stretches(.afterFaults, faults: faults) == [2...5, 7...Double.infinity])
    }

    @Test("overlapping faults: the after-stretch of the first starts no earlier than its own end")
    func overlapping() {
        #expect(
            MetricSeries.stretches(.afterFaults, faults: [fault(1, 4), fault(2, 3)]) == [4...4, 3...Double.infinity]
        )
    }
}
