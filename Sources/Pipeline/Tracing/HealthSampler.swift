import Foundation
import Synchronization
import SystemSupport

/// Turns the run's counters and latency windows into a ``PipelineSample`` every second, has the
/// ``HealthMonitor`` judge it, and keeps the verdicts: every sample and alert transition goes to the run database,
/// the lowest score and the bottleneck seen most often go to the summary.
final class HealthSampler: Sendable {
    /// Totals the sampler reads each second. Each stage's queue is what waits before it: the producer's
    /// unacknowledged messages (Kafka), messages in Kafka not yet taken by a processor (processing), and processed
    /// events not yet stored (storage). So a slow broker, slow processors and a slow sink each fill their own queue.
    struct Readings: Sendable {
        var emitted: Int64
        var acked: Int64
        var deliveryFailed: Int64
        var consumed: Int64
        var processed: Int64
        var stored: Int64
        var kafkaErrors: Int64
        var storageErrors: Int64
        var unreadable: Int64
        var unacked: Int64
        var lag: Int64
        /// Acknowledged but not yet consumed (in-process processors), or the consumer lag (processors elsewhere).
        var waitingForProcessors: Int64
        /// Processed but not yet stored by the in-process processors.
        var waitingForSink: Int64
    }

    private struct State {
        var monitor: HealthMonitor
        var previous: Readings?
        var previousNs: Int64
        var summary = HealthSummary()
        var bottlenecks: [PipelineStage: (count: Int, evidence: String)] = [:]
    }

    private let state: Mutex<State>
    private let metrics: PipelineMetrics
    private let runDatabase: RunDatabase?
    private let startNs: Int64
    private let observer: @Sendable (HealthObservation) -> Void

    /// `observer` gets every sample with its verdict and latency histograms, on the sampling thread.
    init(
        thresholds: AlertThresholds,
        metrics: PipelineMetrics,
        runDatabase: RunDatabase?,
        observer: @escaping @Sendable (HealthObservation) -> Void = { _ in }
    ) {
        startNs = MonotonicClock.nanoseconds()
        state = Mutex(State(monitor: HealthMonitor(thresholds: thresholds), previousNs: startNs))
        self.metrics = metrics
        self.runDatabase = runDatabase
        self.observer = observer
    }

    /// Takes one sample from `readings` (the run's totals now) and evaluates it.
    func sample(_ readings: Readings) {
        let now = MonotonicClock.nanoseconds()
        let window = metrics.takeWindow()
        state.withLock { state in
            defer {
                state.previous = readings
                state.previousNs = now
            }
            guard let previous = state.previous else { return }
            let span = Duration.nanoseconds(now - state.previousNs)
            func delta(_ path: KeyPath<Readings, Int64>) -> Int {
                Int(readings[keyPath: path] - previous[keyPath: path])
            }
            let sample = PipelineSample(
                time: .nanoseconds(now - startNs),
                stages: [
                    StageSample(stage: .ingestion, window: span, processed: delta(\.emitted)),
                    StageSample(
                        stage: .kafka,
                        window: span,
                        processed: delta(\.acked),
                        errors: delta(\.deliveryFailed) + delta(\.kafkaErrors),
                        queueDepth: Int(readings.unacked),
                        latency: window.produce.summary
                    ),
                    StageSample(
                        stage: .processing,
                        window: span,
                        processed: delta(\.processed),
                        errors: delta(\.unreadable),
                        queueDepth: Int(readings.waitingForProcessors),
                        latency: window.delivery.summary
                    ),
                    StageSample(
                        stage: .storage,
                        window: span,
                        processed: delta(\.stored),
                        errors: delta(\.storageErrors),
                        queueDepth: Int(readings.waitingForSink),
                        latency: window.storage.summary
                    ),
                ],
                consumerLag: Int(readings.lag),
                eventsProduced: Int(readings.acked),
                eventsStored: Int(readings.stored),
                endToEndLatency: window.endToEnd.isEmpty ? nil : window.endToEnd.summary
            )
            let assessment = state.monitor.evaluate(sample)
            state.summary.record(assessment)
            if let bottleneck = assessment.bottleneck {
                let seen = state.bottlenecks[bottleneck.stage]?.count ?? 0
                state.bottlenecks[bottleneck.stage] = (seen + 1, bottleneck.evidence)
            }
            state.summary.bottleneck = state.bottlenecks.max { $0.value.count < $1.value.count }
                .map { $0.value.evidence }
            record(assessment, sample: sample)
            observer(HealthObservation(sample: sample, assessment: assessment, latencies: window))
        }
    }

    /// What the monitor concluded over the run so far.
    var summary: HealthSummary { state.withLock { $0.summary } }

    private func record(_ assessment: HealthAssessment, sample: PipelineSample) {
        guard let runDatabase else { return }
        let nowNs = MonotonicClock.unixNanoseconds()
        let json = HealthSampleRecord(assessment: assessment, sample: sample).json
        runDatabase.recordSample(atNs: nowNs, json: json)
        for transition in assessment.transitions {
            runDatabase.recordTransition(
                atNs: nowNs,
                kind: "alert",
                name: transition.metric.rawValue,
                from: transition.kind == .raised ? "clear" : "raised",
                to: transition.kind == .raised ? "raised" : "clear",
                reason: "observed \(transition.metric.format(transition.observed)), threshold "
                    + transition.metric.format(transition.threshold)
            )
        }
    }
}

/// One health sample as the run's observer sees it: the figures, the monitor's verdict, and the sample's latency
/// histograms (which merge, for percentiles over any stretch of the run).
public struct HealthObservation: Sendable {
    public var sample: PipelineSample
    public var assessment: HealthAssessment
    public var latencies: PipelineMetrics.Histograms
}

/// The health verdict of a whole run.
public struct HealthSummary: Sendable, Codable, Hashable {
    /// Samples evaluated (one a second).
    public var samples = 0
    /// The last sample's score; 100 before any.
    public var finalScore = 100
    /// The lowest score of the run; 100 before any.
    public var minimumScore = 100
    /// The stage named bottleneck most often, with the evidence of its last sample.
    public var bottleneck: String?
    /// Alerts raised over the run, by metric.
    public var alertsRaised: [String: Int] = [:]
    /// The last sample's recommendations.
    public var recommendations: [String] = []

    mutating func record(_ assessment: HealthAssessment) {
        samples += 1
        finalScore = assessment.score
        minimumScore = min(minimumScore, assessment.score)
        recommendations = assessment.recommendations
        for transition in assessment.transitions where transition.kind == .raised {
            alertsRaised[transition.metric.rawValue, default: 0] += 1
        }
    }
}

/// One health sample as stored in the run database (JSON).
struct HealthSampleRecord: Codable {
    var timeSeconds: Double
    var score: Int
    var bottleneck: String?
    var throughput: [String: Double]
    var queueDepth: [String: Int]
    var p99Ms: [String: Double]
    var consumerLag: Int
    var alerts: [String]

    init(assessment: HealthAssessment, sample: PipelineSample) {
        timeSeconds = sample.time.seconds
        score = assessment.score
        bottleneck = assessment.bottleneck.map(\.evidence)
        throughput = Dictionary(uniqueKeysWithValues: sample.stages.map { ($0.stage.rawValue, $0.throughput) })
        queueDepth = Dictionary(uniqueKeysWithValues: sample.stages.map { ($0.stage.rawValue, $0.queueDepth) })
        p99Ms = Dictionary(uniqueKeysWithValues: sample.stages.map { ($0.stage.rawValue, $0.latency.p99.milliseconds) })
        consumerLag = sample.consumerLag
        alerts = assessment.alerts.map(\.description)
    }

    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
