extension HealthMonitor {
    /// The bottleneck of `sample` by the rule in the type's documentation, or `nil` when healthy and idle.
    func bottleneck(_ sample: PipelineSample, queueGrowth: [PipelineStage: Int]) -> Bottleneck? {
        let stages = sample.stagesInFlowOrder
        if let stage = stages.last(where: { isQueueBuilding($0, growth: queueGrowth[$0.stage] ?? 0) }) {
            let input = inputRate(stage, growth: queueGrowth[stage.stage] ?? 0)
            let evidence =
                "\(stage.stage.rawValue): \(Formatting.grouped(stage.queueDepth)) events waiting, "
                + "p99 \(Formatting.milliseconds(stage.latency.p99.milliseconds)), "
                + "\(Formatting.rate(input)) in vs \(Formatting.rate(stage.throughput)) out"
            return Bottleneck(stage: stage.stage, reason: .queue, evidence: evidence)
        }
        let totalP99 = stages.reduce(0) { $0 + $1.latency.p99.milliseconds }
        if totalP99 > 0, let stage = stages.max(by: { $0.latency.p99 <= $1.latency.p99 }) {
            let p99 = stage.latency.p99.milliseconds
            let evidence =
                "\(stage.stage.rawValue): largest share of latency, p99 \(Formatting.milliseconds(p99)) "
                + "of \(Formatting.milliseconds(totalP99)) summed over the stages "
                + "(\(Formatting.percent(p99 * 100 / totalP99))), no queue building"
            return Bottleneck(stage: stage.stage, reason: .latency, evidence: evidence)
        }
        let failing = stages.filter { $0.errors > 0 }
        if let stage = failing.max(by: { $0.errorRatePercent <= $1.errorRatePercent }) {
            let evidence =
                "\(stage.stage.rawValue): \(Formatting.grouped(stage.errors)) of "
                + "\(Formatting.grouped(stage.processed + stage.errors)) attempts failed "
                + "(\(Formatting.percent(stage.errorRatePercent))), no queue building"
            return Bottleneck(stage: stage.stage, reason: .errors, evidence: evidence)
        }
        return nil
    }

    /// Whether `stage`'s queue is building: more waiting than it finished in the window, or noticeable growth.
    private func isQueueBuilding(_ stage: StageSample, growth: Int) -> Bool {
        stage.queueDepth > 0
            && (stage.queueDepth > stage.processed || Self.isNoticeableGrowth(growth, finished: stage.processed))
    }
}
