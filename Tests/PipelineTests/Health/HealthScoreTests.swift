import Testing

@testable import Pipeline

/// One test per penalty of the score formula documented on `HealthMonitor`, with the default thresholds
/// (latency 500 ms, throughput 100/s, errors 1 %, score 70).
@Suite("HealthMonitor score")
struct HealthScoreTests {
    @Test("a steady healthy pipeline and an idle one both score 100")
    func healthyAndIdle() {
        var monitor = HealthMonitor()
        let steady = monitor.evaluate(steadySample(second: 1, rate: 1000))
        #expect(steady.score == 100)
        #expect(steady.penalties == ScorePenalties(latency: 0, throughput: 0, errors: 0, backlog: 0))
        let idle = monitor.evaluate(idleSample(second: 2))
        #expect(idle.score == 100)
        #expect(idle.recommendations.isEmpty)
    }

    @Test(
        "latency penalty: 30 × (p99 − limit) / limit, capped at 30",
        arguments: [(400, 0.0, 100), (500, 0.0, 100), (750, 15.0, 85), (1000, 30.0, 70), (5000, 30.0, 70)]
    )
    func latencyPenalty(p99Ms: Int64, penalty: Double, score: Int) {
        var monitor = HealthMonitor()
        let assessment = monitor.evaluate(latencySample(second: 1, p99Ms: p99Ms))
        #expect(assessment.figures.latencyP99Ms == Double(p99Ms))
        #expect(assessment.penalties.latency == penalty)
        #expect(assessment.score == score)
    }

    @Test("without an end-to-end figure, p99 latency is the sum of the stages' p99")
    func latencyFromStages() {
        var monitor = HealthMonitor()
        let sample = PipelineSample(
            time: .seconds(1),
            stages: [
                stageSample(.ingestion, processed: 1000, p99Ms: 50),
                stageSample(.kafka, processed: 1000, p99Ms: 100),
                stageSample(.processing, processed: 1000, p99Ms: 200),
                stageSample(.storage, processed: 1000, p99Ms: 250),
            ]
        )
        let assessment = monitor.evaluate(sample)
        #expect(assessment.figures.latencyP99Ms == 600)
        #expect(assessment.penalties.latency == 6)
        #expect(assessment.score == 94)
    }

    @Test("throughput penalty: 25 × (1 − throughput / minimum) when input arrives at the minimum or more")
    func throughputPenaltyWithInput() {
        var monitor = HealthMonitor()
        let sample = PipelineSample(
            time: .seconds(1),
            stages: [
                stageSample(.ingestion, processed: 150),
                stageSample(.kafka, processed: 150),
                stageSample(.processing, processed: 40),
                stageSample(.storage, processed: 40),
            ]
        )
        let assessment = monitor.evaluate(sample)
        #expect(assessment.figures.arrivals == 150)
        #expect(assessment.figures.throughput == 40)
        #expect(assessment.figures.throughputMinimumApplies)
        #expect(assessment.penalties.throughput == 15)
        #expect(assessment.score == 85)
    }

    @Test("throughput penalty applies while a backlog of at least a window at the minimum drains")
    func throughputPenaltyWhileDraining() {
        var monitor = HealthMonitor()
        let sample = PipelineSample(
            time: .seconds(1),
            stages: [
                stageSample(.ingestion, processed: 0),
                stageSample(.kafka, processed: 0),
                stageSample(.processing, processed: 50),
                stageSample(.storage, processed: 50),
            ],
            eventsProduced: 1500,
            eventsStored: 1000
        )
        let assessment = monitor.evaluate(sample)
        #expect(assessment.figures.backlog == 500)
        #expect(assessment.figures.demand == 500)
        #expect(assessment.penalties.throughput == 12.5)
        #expect(assessment.score == 88)
    }

    @Test("no throughput penalty when the source is idle, finished or slower than the minimum")
    func noThroughputPenaltyWithoutWork() {
        var monitor = HealthMonitor()
        let idle = monitor.evaluate(idleSample(second: 1))
        #expect(!idle.figures.throughputMinimumApplies)
        #expect(idle.penalties.throughput == 0)
        let trickle = monitor.evaluate(steadySample(second: 2, rate: 5))
        #expect(trickle.figures.demand == 5)
        #expect(!trickle.figures.throughputMinimumApplies)
        #expect(trickle.score == 100)
    }

    @Test(
        "error penalty: 25 × (rate − limit) / limit, capped at 25",
        arguments: [(0, 0.0, 100), (10, 0.0, 100), (15, 12.5, 88), (20, 25.0, 75), (500, 25.0, 75)]
    )
    func errorPenalty(errors: Int, penalty: Double, score: Int) {
        var monitor = HealthMonitor()
        var sample = steadySample(second: 1, rate: 1000)
        sample.stages[3] = stageSample(.storage, processed: 1000 - errors, errors: errors)
        let assessment = monitor.evaluate(sample)
        #expect(assessment.figures.errorRatePercent == Double(errors) / 10)
        #expect(assessment.penalties.errors == penalty)
        #expect(assessment.score == score)
    }

    @Test("the error rate is the worst stage's, not the pipeline's average")
    func worstStageErrorRate() {
        var monitor = HealthMonitor()
        var sample = steadySample(second: 1, rate: 1000)
        sample.stages[1] = stageSample(.kafka, processed: 990, errors: 10)
        sample.stages[2] = stageSample(.processing, processed: 980, errors: 20)
        let assessment = monitor.evaluate(sample)
        #expect(assessment.figures.errorRatePercent == 2)
        #expect(assessment.figures.errorStage == .processing)
    }

    @Test("backlog penalty: 20 × growth / events stored in the window, capped at 20")
    func backlogPenalty() {
        var monitor = HealthMonitor()
        _ = monitor.evaluate(steadySample(second: 1, rate: 1000))
        var growing = steadySample(second: 2, rate: 1000)
        growing.stages[0] = stageSample(.ingestion, processed: 1250)
        growing.eventsProduced += 250
        let assessment = monitor.evaluate(growing)
        #expect(assessment.figures.backlogGrowth == 250)
        #expect(assessment.penalties.backlog == 5)
        #expect(assessment.score == 95)
    }

    @Test("backlog penalty is the whole 20 when the backlog grows while nothing is stored")
    func backlogPenaltyWhenStalled() {
        var monitor = HealthMonitor()
        _ = monitor.evaluate(steadySample(second: 1, rate: 1000))
        let stalled = PipelineSample(
            time: .seconds(2),
            stages: [
                stageSample(.ingestion, processed: 300),
                stageSample(.kafka, processed: 300),
                stageSample(.processing, processed: 0, queue: 300),
                stageSample(.storage, processed: 0),
            ],
            consumerLag: 300,
            eventsProduced: 1300,
            eventsStored: 1000
        )
        let assessment = monitor.evaluate(stalled)
        #expect(assessment.figures.backlog == 300)
        #expect(assessment.penalties.backlog == 20)
        #expect(assessment.penalties.throughput == 25)
        #expect(assessment.score == 55)
    }

    @Test("a shrinking backlog and the first sample cost nothing")
    func noBacklogPenaltyWhenShrinkingOrFirst() {
        var monitor = HealthMonitor()
        var first = steadySample(second: 1, rate: 1000)
        first.eventsProduced += 800
        #expect(monitor.evaluate(first).penalties.backlog == 0)
        #expect(monitor.evaluate(steadySample(second: 2, rate: 1000)).penalties.backlog == 0)
    }

    @Test("every penalty at its cap gives 0")
    func worstCase() {
        var monitor = HealthMonitor()
        _ = monitor.evaluate(steadySample(second: 1, rate: 1000))
        let sample = PipelineSample(
            time: .seconds(2),
            stages: [
                stageSample(.ingestion, processed: 1000),
                stageSample(.kafka, processed: 0, errors: 1000, queue: 1000),
                stageSample(.processing, processed: 0),
                stageSample(.storage, processed: 0),
            ],
            eventsProduced: 2000,
            eventsStored: 1000,
            endToEndLatency: LatencySummary(count: 1, p50: .seconds(2), p99: .seconds(2), max: .seconds(2))
        )
        let assessment = monitor.evaluate(sample)
        #expect(assessment.penalties == ScorePenalties(latency: 30, throughput: 25, errors: 25, backlog: 20))
        #expect(assessment.score == 0)
    }

    @Test("the score never rises as latency, errors or backlog growth get worse")
    func monotonic() {
        var previous = 100
        for p99 in stride(from: 0, through: 2000, by: 50) {
            var monitor = HealthMonitor()
            let score = monitor.evaluate(latencySample(second: 1, p99Ms: Int64(p99))).score
            #expect(score <= previous)
            previous = score
        }
        previous = 100
        for errors in stride(from: 0, through: 1000, by: 5) {
            var monitor = HealthMonitor()
            var sample = steadySample(second: 1, rate: 1000)
            sample.stages[2] = stageSample(.processing, processed: 1000 - errors, errors: errors)
            let score = monitor.evaluate(sample).score
            #expect(score <= previous)
            previous = score
        }
        previous = 100
        for growth in stride(from: 0, through: 2000, by: 100) {
            var monitor = HealthMonitor()
            _ = monitor.evaluate(steadySample(second: 1, rate: 1000))
            var sample = steadySample(second: 2, rate: 1000)
            sample.eventsProduced += growth
            let score = monitor.evaluate(sample).score
            #expect(score <= previous)
            previous = score
        }
        #expect(previous == 80)
    }

    @Test("a limit of 0 makes any excess cost the whole cap")
    func zeroLimits() {
        var monitor = HealthMonitor(thresholds: AlertThresholds(errorRateMaxPercent: 0))
        var sample = steadySample(second: 1, rate: 1000)
        sample.stages[3] = stageSample(.storage, processed: 999, errors: 1)
        #expect(monitor.evaluate(sample).penalties.errors == 25)
    }
}
