extension HealthMonitor {
    /// What an operator could do about `sample`, most important first: relieve the bottleneck, then whatever
    /// breaches a threshold, then a growing backlog.
    func recommendations(
        sample: PipelineSample,
        figures: HealthFigures,
        bottleneck: Bottleneck?,
        storedInWindow: Int
    ) -> [String] {
        var advice: [String] = []
        if let bottleneck, bottleneck.reason == .queue {
            advice.append(Self.relief(for: bottleneck.stage))
        }
        if figures.latencyP99Ms > thresholds.latencyMaxMs {
            var sentence =
                "p99 latency \(Formatting.milliseconds(figures.latencyP99Ms)) is above the "
                + "\(Formatting.milliseconds(thresholds.latencyMaxMs)) limit"
            let slowest = sample.stagesInFlowOrder.max { $0.latency.p99 <= $1.latency.p99 }
            if let slowest, slowest.latency.p99 > .zero {
                sentence +=
                    "; most of it is \(slowest.stage.rawValue) "
                    + "(p99 \(Formatting.milliseconds(slowest.latency.p99.milliseconds)))"
            }
            advice.append(sentence + ".")
        }
        if figures.throughputMinimumApplies && figures.throughput < thresholds.throughputMinMsgPerSec {
            advice.append(
                "Throughput \(Formatting.rate(figures.throughput)) is under the "
                    + "\(Formatting.rate(thresholds.throughputMinMsgPerSec)) minimum while "
                    + "\(Formatting.grouped(figures.backlog)) events wait and "
                    + "\(Formatting.rate(figures.arrivals)) arrive"
                    + "; look at the bottleneck stage."
            )
        }
        if let stage = figures.errorStage, figures.errorRatePercent > thresholds.errorRateMaxPercent {
            advice.append(
                "\(stage.title) fails \(Formatting.percent(figures.errorRatePercent)) of its attempts (limit "
                    + "\(Formatting.percent(thresholds.errorRateMaxPercent))): check its logs and its circuit breaker."
            )
        }
        if Self.isNoticeableGrowth(figures.backlogGrowth, finished: storedInWindow) {
            advice.append(
                "The backlog grew by \(Formatting.grouped(figures.backlogGrowth)) to "
                    + "\(Formatting.grouped(figures.backlog)) events (consumer lag "
                    + "\(Formatting.grouped(figures.consumerLag))): the pipeline is not keeping up with its input."
            )
        }
        return advice
    }

    /// What to do about a stage whose queue is building.
    static func relief(for stage: PipelineStage) -> String {
        switch stage {
        case .ingestion:
            "Ingestion limits throughput: check the feed connection and the parser's cost per line."
        case .kafka:
            "Kafka limits throughput: check the brokers (down, slow, request errors) and the producer's "
                + "batch_size and linger_ms."
        case .processing:
            "Processing limits throughput: add processors to the consumer group or make per-event work cheaper."
        case .storage:
            "Storage limits throughput: check the sink for slow or failing writes, or raise its batch size."
        }
    }
}
