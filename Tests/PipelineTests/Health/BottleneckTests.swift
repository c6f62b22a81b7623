import Testing

@testable import Pipeline

@Suite("HealthMonitor bottleneck")
struct BottleneckTests {
    @Test("a stage whose queue grows is the bottleneck, with its numbers as evidence")
    func growingQueue() throws {
        var monitor = HealthMonitor()
        let before = PipelineSample(
            time: .seconds(1),
            stages: [
                stageSample(.ingestion, processed: 12000),
                stageSample(.kafka, processed: 12000),
                stageSample(.processing, processed: 12000),
                stageSample(.storage, processed: 8000, queue: 1000, p99Ms: 150),
            ]
        )
        _ = monitor.evaluate(before)
        var after = before
        after.time = .seconds(2)
        after.stages[3] = stageSample(.storage, processed: 8000, queue: 5000, p99Ms: 180)
        let bottleneck = try #require(monitor.evaluate(after).bottleneck)
        #expect(bottleneck.stage == .storage)
        #expect(bottleneck.reason == .queue)
        #expect(bottleneck.evidence == "storage: 5,000 events waiting, p99 180 ms, 12,000/s in vs 8,000/s out")
    }

    @Test("with backpressure the most downstream building queue wins, not the largest")
    func backpressure() throws {
        var monitor = HealthMonitor()
        let first = PipelineSample(
            time: .seconds(1),
            stages: [
                stageSample(.ingestion, processed: 100),
                stageSample(.kafka, processed: 100),
                stageSample(.processing, processed: 100, queue: 40000),
                stageSample(.storage, processed: 100, queue: 1000, p99Ms: 900),
            ]
        )
        _ = monitor.evaluate(first)
        var second = first
        second.time = .seconds(2)
        second.stages[2] = stageSample(.processing, processed: 100, queue: 50000)
        let bottleneck = try #require(monitor.evaluate(second).bottleneck)
        #expect(bottleneck.stage == .storage)
        #expect(bottleneck.evidence == "storage: 1,000 events waiting, p99 900 ms, 100/s in vs 100/s out")
    }

    @Test("a queue upstream is found when the stages after it keep up")
    func upstreamQueue() throws {
        var monitor = HealthMonitor()
        let sample = PipelineSample(
            time: .seconds(1),
            stages: [
                stageSample(.ingestion, processed: 2000),
                stageSample(.kafka, processed: 500, queue: 1500, p99Ms: 40),
                stageSample(.processing, processed: 500),
                stageSample(.storage, processed: 500),
            ]
        )
        let bottleneck = try #require(monitor.evaluate(sample).bottleneck)
        #expect(bottleneck.stage == .kafka)
        #expect(bottleneck.evidence == "kafka: 1,500 events waiting, p99 40 ms, 500/s in vs 500/s out")
    }

    @Test("a stage holding events while finishing none is the bottleneck, even on the first sample")
    func stuckStage() throws {
        var monitor = HealthMonitor()
        let sample = PipelineSample(
            time: .seconds(1),
            stages: [
                stageSample(.ingestion, processed: 0),
                stageSample(.kafka, processed: 0),
                stageSample(.processing, processed: 0),
                stageSample(.storage, processed: 0, queue: 10),
            ]
        )
        let bottleneck = try #require(monitor.evaluate(sample).bottleneck)
        #expect(bottleneck.stage == .storage)
        #expect(bottleneck.reason == .queue)
    }

    @Test("with no queue building, the stage with the largest share of latency")
    func latencyShare() throws {
        var monitor = HealthMonitor()
        let sample = PipelineSample(
            time: .seconds(1),
            stages: [
                stageSample(.ingestion, processed: 1000, p99Ms: 10),
                stageSample(.kafka, processed: 1000, queue: 5, p99Ms: 20),
                stageSample(.processing, processed: 1000, p99Ms: 60),
                stageSample(.storage, processed: 1000, p99Ms: 10),
            ]
        )
        let bottleneck = try #require(monitor.evaluate(sample).bottleneck)
        #expect(bottleneck.stage == .processing)
        #expect(bottleneck.reason == .latency)
        #expect(
            bottleneck.evidence
                == "processing: largest share of latency, p99 60 ms of 100 ms summed over the stages (60%), "
                + "no queue building"
        )
    }

    @Test("a queue growing by 1 % or less of the stage's output is noise")
    func smallGrowthIsNoise() throws {
        var monitor = HealthMonitor()
        var sample = PipelineSample(
            time: .seconds(1),
            stages: [
                stageSample(.ingestion, processed: 1000, p99Ms: 1),
                stageSample(.kafka, processed: 1000, queue: 10, p99Ms: 5),
                stageSample(.processing, processed: 1000, p99Ms: 2),
                stageSample(.storage, processed: 1000, p99Ms: 3),
            ]
        )
        _ = monitor.evaluate(sample)
        sample.time = .seconds(2)
        sample.stages[1] = stageSample(.kafka, processed: 1000, queue: 20, p99Ms: 5)
        #expect(try #require(monitor.evaluate(sample).bottleneck).reason == .latency)
        sample.time = .seconds(3)
        sample.stages[1] = stageSample(.kafka, processed: 1000, queue: 31, p99Ms: 5)
        #expect(try #require(monitor.evaluate(sample).bottleneck).reason == .queue)
    }

    @Test("with nothing flowing and no queue, the stage failing the most")
    func failingStage() throws {
        var monitor = HealthMonitor()
        let sample = PipelineSample(
            time: .seconds(1),
            stages: [
                stageSample(.ingestion, processed: 0),
                stageSample(.kafka, processed: 0),
                stageSample(.processing, processed: 0),
                stageSample(.storage, processed: 0, errors: 5),
            ]
        )
        let bottleneck = try #require(monitor.evaluate(sample).bottleneck)
        #expect(bottleneck.stage == .storage)
        #expect(bottleneck.reason == .errors)
        #expect(bottleneck.evidence == "storage: 5 of 5 attempts failed (100%), no queue building")
    }

    @Test("healthy and idle: no bottleneck")
    func idle() {
        var monitor = HealthMonitor()
        #expect(monitor.evaluate(idleSample(second: 1)).bottleneck == nil)
        #expect(monitor.evaluate(steadySample(second: 2, rate: 1000)).bottleneck == nil)
    }

    @Test("recommendations name the bottleneck's remedy, then each breached threshold")
    func recommendations() {
        var monitor = HealthMonitor()
        _ = monitor.evaluate(steadySample(second: 1, rate: 1000))
        let sample = PipelineSample(
            time: .seconds(2),
            stages: [
                stageSample(.ingestion, processed: 1000, p99Ms: 5),
                stageSample(.kafka, processed: 1000, p99Ms: 20),
                stageSample(.processing, processed: 1000, p99Ms: 100),
                stageSample(.storage, processed: 50, errors: 50, queue: 900, p99Ms: 600),
            ],
            consumerLag: 0,
            eventsProduced: 2000,
            eventsStored: 1050
        )
        let assessment = monitor.evaluate(sample)
        #expect(
            assessment.recommendations == [
                "Storage limits throughput: check the sink for slow or failing writes, or raise its batch size.",
                "p99 latency 725 ms is above the 500 ms limit; most of it is storage (p99 600 ms).",
                "Throughput 50/s is under the 100/s minimum while 950 events wait and 1,000/s arrive; "
                    + "look at the bottleneck stage.",
                "Storage fails 50% of its attempts (limit 1%): check its logs and its circuit breaker.",
                "The backlog grew by 950 to 950 events (consumer lag 0): "
                    + "the pipeline is not keeping up with its input.",
            ]
        )
    }
}
