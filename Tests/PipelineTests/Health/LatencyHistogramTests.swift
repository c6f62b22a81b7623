import Testing

@testable import Pipeline

@Suite("LatencyHistogram")
struct LatencyHistogramTests {
    @Test("an empty histogram reads zero everywhere")
    func empty() {
        let histogram = LatencyHistogram()
        #expect(histogram.count == 0)
        #expect(histogram.isEmpty)
        #expect(histogram.p50 == .zero)
        #expect(histogram.p99 == .zero)
        #expect(histogram.max == .zero)
        #expect(histogram.summary == .empty)
    }

    @Test("values below 2,048 ns are exact: 1...100 ns gives p50 50, p99 99, max 100")
    func smallValuesAreExact() {
        var histogram = LatencyHistogram()
        for value in 1...100 {
            histogram.record(nanoseconds: Int64(value))
        }
        #expect(histogram.count == 100)
        #expect(histogram.p50 == .nanoseconds(50))
        #expect(histogram.p99 == .nanoseconds(99))
        #expect(histogram.max == .nanoseconds(100))
        #expect(histogram.percentile(0) == .nanoseconds(1))
        #expect(histogram.percentile(100) == .nanoseconds(100))
    }

    @Test("equal values come back exactly, however large")
    func equalValuesAreExact() {
        var histogram = LatencyHistogram()
        for _ in 0..<10 {
            histogram.record(.milliseconds(180))
        }
        #expect(histogram.p50 == .milliseconds(180))
        #expect(histogram.p99 == .milliseconds(180))
        #expect(histogram.max == .milliseconds(180))
    }

    @Test("large values are kept within 0.1 %, and max is exact")
    func largeValuesWithinPrecision() {
        var histogram = LatencyHistogram()
        for _ in 0..<99 {
            histogram.record(.milliseconds(1))
        }
        histogram.record(.milliseconds(500))
        let p50 = histogram.p50
        #expect(p50 >= .milliseconds(1) && p50 <= .microseconds(1001))
        let p99 = histogram.p99
        #expect(p99 >= .milliseconds(1) && p99 <= .microseconds(1001))
        #expect(histogram.percentile(99.5) == .milliseconds(500))
        #expect(histogram.max == .milliseconds(500))
    }

    @Test("negative latencies count as 0 and latencies over an hour as an hour")
    func clamping() {
        var histogram = LatencyHistogram()
        histogram.record(nanoseconds: -5)
        histogram.record(.seconds(-2))
        #expect(histogram.count == 2)
        #expect(histogram.max == .zero)
        histogram.record(.seconds(7200))
        histogram.record(nanoseconds: .max)
        #expect(histogram.count == 4)
        #expect(histogram.max == .seconds(3600))
    }

    @Test("merge adds the other histogram's values")
    func merge() {
        var first = LatencyHistogram()
        var second = LatencyHistogram()
        for value in 1...50 {
            first.record(nanoseconds: Int64(value))
        }
        for value in 51...100 {
            second.record(nanoseconds: Int64(value))
        }
        second.record(.seconds(2))
        first.merge(second)
        #expect(first.count == 101)
        #expect(first.p50 == .nanoseconds(51))
        #expect(first.max == .seconds(2))
        #expect(second.count == 51)
    }

    @Test("the summary carries count, p50, p99 and max")
    func summary() {
        var histogram = LatencyHistogram()
        for value in 1...100 {
            histogram.record(nanoseconds: Int64(value))
        }
        #expect(
            histogram.summary
                == LatencySummary(count: 100, p50: .nanoseconds(50), p99: .nanoseconds(99), max: .nanoseconds(100))
        )
    }
}

@Suite("PipelineStage")
struct PipelineStageTests {
    @Test("stages are in data-flow order with titles for people")
    func orderAndTitles() {
        #expect(PipelineStage.allCases == [.ingestion, .kafka, .processing, .storage])
        #expect(PipelineStage.allCases.map(\.title) == ["Ingestion", "Kafka", "Processing", "Storage"])
        #expect(PipelineStage.storage.rawValue == "storage")
    }
}
