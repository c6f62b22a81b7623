import Pipeline

/// The run's health samples, stamped with their time since the replay started, turned into the values thresholds
/// judge. Latency metrics merge the samples' histograms, so `p99` is the 99th percentile over every event of the
/// judged stretch, not a percentile of per-second figures; the other metrics are one value per sample.
struct MetricSeries: Sendable {
    /// One health sample and when it was taken.
    struct Point: Sendable {
        var seconds: Double
        var observation: HealthObservation
    }

    var points: [Point] = []

    /// The judged stretches of a threshold's window: the faults' [start, end], or each fault's end until the next
    /// fault's start (or the end of the run); `nil` for the whole run.
    static func stretches(_ window: Threshold.Window?, faults: [FaultRecord]) -> [ClosedRange<Double>]? {
        guard let window else { return nil }
        let ran = faults.compactMap { fault -> ClosedRange<Double>? in
            guard let start = fault.startedSeconds, let end = fault.endedSeconds, end >= start else { return nil }
            return start...end
        }.sorted { $0.lowerBound < $1.lowerBound }
        switch window {
        case .duringFaults:
            return ran
        case .afterFaults:
            return ran.indices.map { index in
                let end = index + 1 < ran.count ? max(ran[index].upperBound, ran[index + 1].lowerBound) : .infinity
                return ran[index].upperBound...end
            }
        }
    }

    /// Judges `threshold` over the samples of its window; `recovery` holds each fault's recovery seconds (infinite
    /// for one that never recovered), whatever the window. For a latency metric, `last` is the p99 of the last
    /// second that stored anything.
    func evaluate(_ threshold: Threshold, faults: [FaultRecord], recovery: [Double]) -> ThresholdEvaluation {
        if threshold.metric == "recovery_s" { return ThresholdEvaluation(threshold, samples: recovery) }
        let stretches = Self.stretches(threshold.window, faults: faults)
        // A sample covers the second before it was taken: it belongs to the stretch holding its middle.
        let judged = points.filter { point in
            stretches.map { $0.contains { $0.contains(point.seconds - 0.5) } } ?? true
        }
        if let histogram = Self.histogram(threshold.metric) {
            var merged = LatencyHistogram()
            for point in judged { merged.merge(point.observation.latencies[keyPath: histogram]) }
            let lastP99 = judged.last { !$0.observation.latencies[keyPath: histogram].isEmpty }.map {
                milliseconds($0.observation.latencies[keyPath: histogram].p99)
            }
            return ThresholdEvaluation(threshold) { aggregation in
                guard !merged.isEmpty else { return nil }
                switch aggregation {
                case .p50: return milliseconds(merged.percentile(50))
                case .p90: return milliseconds(merged.percentile(90))
                case .p95: return milliseconds(merged.percentile(95))
                case .p99: return milliseconds(merged.percentile(99))
                case .max: return milliseconds(merged.max)
                case .min: return milliseconds(merged.percentile(0))
                case .avg: return milliseconds(merged.mean)
                case .last: return lastP99
                }
            }
        }
        return ThresholdEvaluation(threshold, samples: judged.compactMap { value(threshold.metric, $0.observation) })
    }

    /// The samples as the reports chart them.
    var chartSamples: [MetricSample] {
        points.map { point in
            let observation = point.observation
            let endToEnd = observation.latencies.endToEnd
            return MetricSample(
                seconds: point.seconds,
                throughput: storedRate(observation),
                consumerLag: Double(observation.sample.consumerLag),
                endToEndP99Ms: endToEnd.isEmpty ? nil : milliseconds(endToEnd.p99),
                errorRatePercent: observation.assessment.figures.errorRatePercent,
                healthScore: Double(observation.assessment.score)
            )
        }
    }

    private func value(_ metric: String, _ observation: HealthObservation) -> Double? {
        switch metric {
        case "throughput_msg_s": storedRate(observation)
        case "error_rate_pct": observation.assessment.figures.errorRatePercent
        case "health_score": Double(observation.assessment.score)
        case "consumer_lag": Double(observation.sample.consumerLag)
        default: nil
        }
    }

    private func storedRate(_ observation: HealthObservation) -> Double {
        observation.sample.stages.first { $0.stage == .storage }?.throughput ?? 0
    }

    /// The histogram a latency metric reads: the pipeline's stages as the health monitor names them.
    private static func histogram(_ metric: String) -> KeyPath<PipelineMetrics.Histograms, LatencyHistogram>? {
        switch metric {
        case "e2e_latency_ms": \.endToEnd
        case "stage_latency_ms.ingestion": \.produce
        case "stage_latency_ms.kafka": \.delivery
        case "stage_latency_ms.processing": \.processing
        case "stage_latency_ms.storage": \.storage
        default: nil
        }
    }

    private func milliseconds(_ duration: Duration) -> Double {
        Double(duration.nanoseconds) / 1e6
    }
}
