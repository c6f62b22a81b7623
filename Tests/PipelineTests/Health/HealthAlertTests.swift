import Testing

@testable import Pipeline

@Suite("HealthMonitor alerts")
struct HealthAlertTests {
    @Test("a breach raises an alert at once, with metric, threshold, observed value and time")
    func raise() {
        var monitor = HealthMonitor()
        let assessment = monitor.evaluate(latencySample(second: 3, p99Ms: 750))
        let raised = AlertTransition(kind: .raised, metric: .latency, threshold: 500, observed: 750, time: .seconds(3))
        #expect(assessment.transitions == [raised])
        #expect(assessment.alerts == [Alert(metric: .latency, threshold: 500, observed: 750, raisedAt: .seconds(3))])
        #expect(monitor.activeAlerts == assessment.alerts)
        #expect(monitor.raisedCounts == [.latency: 1])
        #expect(raised.description == "p99 latency alert raised at 3 s (750 ms; limit 500 ms)")
        #expect(assessment.alerts[0].description == "p99 latency alert since 3 s (750 ms; limit 500 ms)")
    }

    @Test("an alert clears only after 2 consecutive samples within the threshold, so it does not flap")
    func hysteresis() {
        var monitor = HealthMonitor()
        let p99s: [Int64] = [750, 400, 750, 400, 400, 400]
        var transitions: [[AlertTransition.Kind]] = []
        var active: [Bool] = []
        for (second, p99) in p99s.enumerated() {
            let assessment = monitor.evaluate(latencySample(second: Int64(second), p99Ms: p99))
            transitions.append(assessment.transitions.filter { $0.metric == .latency }.map(\.kind))
            active.append(assessment.alerts.contains { $0.metric == .latency })
        }
        #expect(transitions == [[.raised], [], [], [], [.cleared], []])
        #expect(active == [true, true, true, true, false, false])
        #expect(monitor.raisedCounts[.latency] == 1)
    }

    @Test("the cleared transition carries the value back within the threshold and its time")
    func clearedTransition() {
        var monitor = HealthMonitor()
        _ = monitor.evaluate(latencySample(second: 1, p99Ms: 600))
        _ = monitor.evaluate(latencySample(second: 2, p99Ms: 300))
        let assessment = monitor.evaluate(latencySample(second: 3, p99Ms: 200))
        #expect(
            assessment.transitions == [
                AlertTransition(kind: .cleared, metric: .latency, threshold: 500, observed: 200, time: .seconds(3))
            ]
        )
        #expect(assessment.alerts.isEmpty)
    }

    @Test("the active alert shows the latest value while it lasts")
    func activeAlertFollowsValue() {
        var monitor = HealthMonitor()
        _ = monitor.evaluate(latencySample(second: 1, p99Ms: 600))
        let assessment = monitor.evaluate(latencySample(second: 2, p99Ms: 900))
        #expect(assessment.transitions.isEmpty)
        #expect(assessment.alerts == [Alert(metric: .latency, threshold: 500, observed: 900, raisedAt: .seconds(1))])
    }

    @Test("clearAfterSamples 1 clears on the first good sample; below 1 counts as 1")
    func clearAfterOne() {
        var monitor = HealthMonitor(clearAfterSamples: 0)
        #expect(monitor.clearAfterSamples == 1)
        _ = monitor.evaluate(latencySample(second: 1, p99Ms: 600))
        #expect(monitor.evaluate(latencySample(second: 2, p99Ms: 100)).transitions.map(\.kind) == [.cleared])
    }

    @Test("raises are counted per metric over the run")
    func counting() {
        var monitor = HealthMonitor(clearAfterSamples: 1)
        for (second, p99) in [600, 100, 700, 100, 800].enumerated() {
            _ = monitor.evaluate(latencySample(second: Int64(second), p99Ms: Int64(p99)))
        }
        #expect(monitor.raisedCounts == [.latency: 3])
    }

    @Test("no throughput alert when a replay ends and the pipeline drains to idle")
    func noThroughputAlertAtReplayEnd() {
        var monitor = HealthMonitor()
        var samples = (1...3).map { steadySample(second: Int64($0), rate: 1000) }
        samples.append(
            PipelineSample(
                time: .seconds(4),
                stages: [
                    stageSample(.ingestion, processed: 0),
                    stageSample(.kafka, processed: 0),
                    stageSample(.processing, processed: 0),
                    stageSample(.storage, processed: 0),
                ],
                eventsProduced: 3000,
                eventsStored: 3000
            )
        )
        samples.append(idleSample(second: 5))
        for sample in samples {
            let assessment = monitor.evaluate(sample)
            #expect(assessment.transitions.isEmpty)
            #expect(assessment.score == 100)
        }
        #expect(monitor.raisedCounts.isEmpty)
    }

    @Test("a throughput alert while events wait, cleared once the pipeline is idle for 2 samples")
    func throughputAlertWithBacklog() {
        var monitor = HealthMonitor()
        let slow = PipelineSample(
            time: .seconds(1),
            stages: [
                stageSample(.ingestion, processed: 0),
                stageSample(.kafka, processed: 0),
                stageSample(.processing, processed: 20, queue: 480),
                stageSample(.storage, processed: 20),
            ],
            consumerLag: 480,
            eventsProduced: 1000,
            eventsStored: 500
        )
        let raised = monitor.evaluate(slow).transitions
        #expect(
            raised == [
                AlertTransition(kind: .raised, metric: .throughput, threshold: 100, observed: 20, time: .seconds(1))
            ]
        )
        #expect(monitor.evaluate(idleSample(second: 2)).transitions.isEmpty)
        #expect(monitor.evaluate(idleSample(second: 3)).transitions.map(\.metric) == [.throughput])
        #expect(monitor.activeAlerts.isEmpty)
    }

    @Test("error rate and health score alerts, in metric order")
    func errorAndScoreAlerts() {
        var monitor = HealthMonitor()
        var sample = latencySample(second: 1, p99Ms: 1000)
        sample.stages[3] = stageSample(.storage, processed: 900, errors: 100)
        let assessment = monitor.evaluate(sample)
        #expect(assessment.score == 45)
        #expect(assessment.transitions.map(\.metric) == [.latency, .errorRate, .healthScore])
        #expect(assessment.alerts.map(\.observed) == [1000, 10, 45])
        #expect(assessment.alerts.map(\.threshold) == [500, 1, 70])
    }

    @Test("thresholds can be changed between evaluations")
    func changedThresholds() {
        var monitor = HealthMonitor()
        #expect(monitor.evaluate(latencySample(second: 1, p99Ms: 300)).alerts.isEmpty)
        monitor.thresholds.latencyMaxMs = 200
        #expect(monitor.evaluate(latencySample(second: 2, p99Ms: 300)).alerts.map(\.metric) == [.latency])
    }
}
