import Testing
import Validation

@Suite("Threshold evaluation")
struct ThresholdEvaluationTests {
    let samples: [Double] = [5, 1, 9, 3, 7, 2, 8, 4, 6, 10]

    @Test("Aggregations: nearest-rank percentiles, max, min, avg, last")
    func aggregations() {
        #expect(ThresholdEvaluation.aggregate(samples, .p50) == 5)
        #expect(ThresholdEvaluation.aggregate(samples, .p90) == 9)
        #expect(ThresholdEvaluation.aggregate(samples, .p95) == 10)
        #expect(ThresholdEvaluation.aggregate(samples, .p99) == 10)
        #expect(ThresholdEvaluation.aggregate(samples, .max) == 10)
        #expect(ThresholdEvaluation.aggregate(samples, .min) == 1)
        #expect(ThresholdEvaluation.aggregate(samples, .avg) == 5.5)
        #expect(ThresholdEvaluation.aggregate(samples, .last) == 10)
        #expect(ThresholdEvaluation.aggregate([], .max) == nil)
    }

    @Test("Each condition passes or fails on its own aggregate; a metric never measured fails")
    func verdicts() throws {
        let threshold = Threshold(
            metric: "e2e_latency_ms",
            conditions: [try #require(Threshold.Condition("p50 < 6")), try #require(Threshold.Condition("max < 10"))]
        )
        let evaluation = ThresholdEvaluation(threshold, samples: samples)
        #expect(evaluation.outcomes.map(\.passed) == [true, false])
        #expect(evaluation.outcomes.map(\.observed) == [5, 10])
        #expect(!evaluation.passed)
        let unmeasured = ThresholdEvaluation(threshold, samples: [])
        #expect(!unmeasured.passed)
        #expect(unmeasured.outcomes.allSatisfy { $0.observed == nil })
    }
}
