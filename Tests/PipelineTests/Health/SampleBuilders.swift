@testable import Pipeline

/// A stage sample over a 1 s window whose latency summary has `p99Ms` as p99 and max, half of it as p50.
func stageSample(
    _ stage: PipelineStage,
    processed: Int,
    errors: Int = 0,
    queue: Int = 0,
    p99Ms: Int64 = 0
) -> StageSample {
    let latency =
        p99Ms > 0
        ? LatencySummary(
            count: processed,
            p50: .milliseconds(p99Ms) / 2,
            p99: .milliseconds(p99Ms),
            max: .milliseconds(p99Ms)
        ) : .empty
    return StageSample(
        stage: stage,
        window: .seconds(1),
        processed: processed,
        errors: errors,
        queueDepth: queue,
        latency: latency
    )
}

/// A sample at `second` seconds where every stage finished `rate` events, with no queues, errors or latency.
func steadySample(second: Int64, rate: Int) -> PipelineSample {
    PipelineSample(
        time: .seconds(second),
        stages: PipelineStage.allCases.map { stageSample($0, processed: rate) },
        eventsProduced: Int(second) * rate,
        eventsStored: Int(second) * rate
    )
}

/// A sample at `second` seconds where nothing flows and nothing waits.
func idleSample(second: Int64) -> PipelineSample {
    PipelineSample(time: .seconds(second), stages: PipelineStage.allCases.map { stageSample($0, processed: 0) })
}

/// A sample at `second` with every stage finishing `rate` events and the given end-to-end p99.
func latencySample(second: Int64, p99Ms: Int64, rate: Int = 1000) -> PipelineSample {
    var sample = steadySample(second: second, rate: rate)
    sample.endToEndLatency = LatencySummary(
        count: rate,
        p50: .milliseconds(p99Ms) / 2,
        p99: .milliseconds(p99Ms),
        max: .milliseconds(p99Ms)
    )
    return sample
}
