extension HealthMonitor {
    /// The maximum points each penalty takes off the score; they add up to 100.
    enum PenaltyCap {
        static let latency = 30.0
        static let throughput = 25.0
        static let errors = 25.0
        static let backlog = 20.0
    }

    /// The stage whose output counts as stored: storage, or the most downstream reporting stage.
    func deliveringStage(_ sample: PipelineSample) -> StageSample? {
        sample.stage(.storage) ?? sample.stagesInFlowOrder.last
    }

    /// The pipeline-wide figures of `sample`, as the type's documentation defines them.
    func figures(_ sample: PipelineSample, queueGrowth: [PipelineStage: Int]) -> HealthFigures {
        let stages = sample.stagesInFlowOrder
        let delivering = deliveringStage(sample)
        let latencyMs =
            sample.endToEndLatency?.p99.milliseconds ?? stages.reduce(0) { $0 + $1.latency.p99.milliseconds }
        let backlog = Swift.max(
            0,
            sample.eventsProduced - sample.eventsStored,
            stages.reduce(0) { $0 + Swift.max(0, $1.queueDepth) },
            sample.consumerLag
        )
        let backlogGrowth = previous.map { backlog - $0.backlog } ?? 0
        let arrivals = stages.first.map { inputRate($0, growth: queueGrowth[$0.stage] ?? 0) } ?? 0
        let window = delivering?.windowSeconds ?? 0
        let demand = arrivals + (window > 0 ? Double(backlog) / window : 0)
        var errorRate = 0.0
        var errorStage: PipelineStage?
        for stage in stages where stage.errors > 0 && stage.errorRatePercent >= errorRate {
            errorRate = stage.errorRatePercent
            errorStage = stage.stage
        }
        return HealthFigures(
            latencyP99Ms: latencyMs,
            throughput: delivering?.throughput ?? 0,
            arrivals: arrivals,
            demand: demand,
            throughputMinimumApplies: demand >= thresholds.throughputMinMsgPerSec,
            errorRatePercent: errorRate,
            errorStage: errorStage,
            backlog: backlog,
            backlogGrowth: backlogGrowth,
            consumerLag: sample.consumerLag
        )
    }

    /// Events per second arriving at `stage`: what it finished or failed plus its queue's growth, over its window.
    func inputRate(_ stage: StageSample, growth: Int) -> Double {
        let window = stage.windowSeconds
        guard window > 0 else { return 0 }
        return Double(Swift.max(0, stage.processed + stage.errors + growth)) / window
    }

    /// The score's four penalties, as the type's documentation defines them.
    func penalties(_ figures: HealthFigures, storedInWindow: Int) -> ScorePenalties {
        let minimum = thresholds.throughputMinMsgPerSec
        let throughput =
            figures.throughputMinimumApplies && figures.throughput < minimum
            ? PenaltyCap.throughput * (minimum - figures.throughput) / minimum : 0
        let backlog: Double
        if figures.backlogGrowth <= 0 {
            backlog = 0
        } else if storedInWindow <= 0 {
            backlog = PenaltyCap.backlog
        } else {
            backlog = Swift.min(
                PenaltyCap.backlog,
                PenaltyCap.backlog * Double(figures.backlogGrowth) / Double(storedInWindow)
            )
        }
        return ScorePenalties(
            latency: excess(figures.latencyP99Ms, over: thresholds.latencyMaxMs, cap: PenaltyCap.latency),
            throughput: throughput,
            errors: excess(figures.errorRatePercent, over: thresholds.errorRateMaxPercent, cap: PenaltyCap.errors),
            backlog: backlog
        )
    }

    /// 0 while `observed` ≤ `limit`, then `cap × (observed − limit) / limit`, at most `cap` (the whole cap for a
    /// limit of 0).
    private func excess(_ observed: Double, over limit: Double, cap: Double) -> Double {
        guard observed > limit else { return 0 }
        guard limit > 0 else { return cap }
        return Swift.min(cap, cap * (observed - limit) / limit)
    }

    /// Whether a queue that grew by `growth` while its stage finished `finished` events grew noticeably: by more
    /// than 1 % of `finished`, or at all when nothing was finished.
    static func isNoticeableGrowth(_ growth: Int, finished: Int) -> Bool {
        growth > 0 && (finished <= 0 || growth * 100 > finished)
    }
}
