import Capture
import Foundation
import Pipeline
import Redis
import Synchronization
import SystemSupport

/// Runs a scenario: starts what the scenario manages around the pipeline (a `redis-server` behind a TCP proxy, a
/// proxy in front of ClickHouse), replays the capture through the pipeline while the fault timeline runs, then
/// judges recovery, the checks and the thresholds. The reports are written by ``ReportWriter``.
public final class ScenarioRunner: Sendable {
    public let scenario: Scenario
    public let scenarioPath: String
    public let options: ScenarioRunOptions
    private let replay = Mutex<ReplayRun?>(nil)
    private let stopRequest = Mutex<Bool?>(nil)

    public init(scenario: Scenario, scenarioPath: String, options: ScenarioRunOptions) {
        self.scenario = scenario
        self.scenarioPath = scenarioPath
        self.options = options
    }

    /// Stops the run: the source stops; unless `force`, what was published is stored and judged.
    public func requestStop(force: Bool) {
        stopRequest.withLock { $0 = ($0 ?? false) || force }
        replay.withLock { $0?.requestStop(force: force) }
    }

    /// Runs the scenario. `progress` and `notice` are the replay's (progress line, breaker transitions); `notice`
    /// also gets each fault's start and end.
    public func run(
        progress: @escaping @Sendable (ReplayProgress) -> Void = { _ in },
        notice: @escaping @Sendable (String) -> Void = { _ in }
    ) throws(PipelineError) -> ScenarioOutcome {
        let startedAt = Date()
        let pace = options.pace ?? scenario.pace
        let reader: CaptureReader
        let captureSeqs: ClosedRange<Int64>?
        do {
            reader = try CaptureReader(path: scenario.capture)
            captureSeqs = try reader.seqRange()
        } catch {
            throw PipelineError(.input, "\(scenarioPath): capture: \(error)")
        }
        let drawn = try drawnFaults(reader: reader, pace: pace)
        let faults = scenario.faults + drawn
        try ScenarioPreflight.check(scenario, faults: faults, file: scenarioPath, captureSeqs: captureSeqs)
        let surroundings = try ScenarioSurroundings(scenario: scenario, faults: faults, options: options)
        defer { surroundings.stop() }

        let sinkFaults = SinkFaults(seed: scenario.seed ?? 0)
        let sourceFaults = SourceFaults()
        let traceFaults = TraceFaults()
        var configuration = ReplayConfiguration(capturePath: scenario.capture, outputDirectory: options.runFolder)
        configuration.pace = pace
        configuration.stallTimeout = options.stallTimeout
        surroundings.configure(&configuration, scenario: scenario)
        configuration.sinkFaults = sinkFaults
        configuration.sourceFaults = sourceFaults
        configuration.traceFaults = traceFaults
        let timelineBox = Mutex<FaultTimeline?>(nil)
        configuration.beforeEvent = { seq in timelineBox.withLock { $0 }?.eventReached(seq) }
        let run = ReplayRun(configuration: configuration)
        let timeline = FaultTimeline(
            faults: faults,
            targets: FaultTargets(
                controls: run.controls,
                topic: run.topic,
                sinkFaults: sinkFaults,
                sourceFaults: sourceFaults,
                traceFaults: traceFaults,
                redisServer: surroundings.redisServer,
                proxies: surroundings.proxies
            ),
            log: notice
        )
        timelineBox.withLock { $0 = timeline }
        replay.withLock { $0 = run }
        if let force = stopRequest.withLock({ $0 }) { run.requestStop(force: force) }

        let series = Mutex(MetricSeries())
        let transitions = Mutex<[(seconds: Double, text: String)]>([])
        let probe = Mutex<RecoveryProbe?>(nil)
        let ended = Mutex<(records: [FaultRecord], readings: [RecoveryProbe.Reading])>(([], []))
        let result = try run.run(
            progress: progress,
            onStarted: { _, _ in
                timeline.start()
                probe.withLock {
                    $0 = RecoveryProbe(controls: run.controls, counters: run.counters) {
                        timeline.seconds(atNs: $0) ?? 0
                    }
                }
            },
            notice: { text in
                let seconds = timeline.seconds(atNs: MonotonicClock.nanoseconds()) ?? 0
                transitions.withLock { $0.append((seconds, text)) }
                notice(text)
            },
            observe: { observation in
                // Samples of the start-up (before the replay) are not part of any judged stretch.
                guard let seconds = timeline.seconds(atNs: MonotonicClock.nanoseconds()) else { return }
                series.withLock { $0.points.append(MetricSeries.Point(seconds: seconds, observation: observation)) }
                for transition in observation.assessment.transitions {
                    let text = "alert \(transition.metric.rawValue) \(transition.kind)"
                    transitions.withLock { $0.append((seconds, text)) }
                }
            },
            beforeStopping: {
                // Faults are lifted, and read back, while every part still runs.
                let records = timeline.finish()
                let readings = probe.withLock { $0 }?.stop() ?? []
                ended.withLock { $0 = (records, readings) }
            }
        )
        let (endedRecords, readings) = ended.withLock { $0 }
        var records = endedRecords
        for index in records.indices {
            judgeRecovery(&records[index], readings: readings, transitions: transitions.withLock { $0 })
        }
        let metricSeries = series.withLock { $0 }
        return ScenarioOutcome(
            scenario: scenario,
            scenarioPath: scenarioPath,
            runFolder: options.runFolder,
            startedAt: startedAt,
            replay: result,
            faults: records,
            drawnFaults: drawn,
            checks: checks(result.audit, faults: records, lostAtFeed: sourceFaults.lostSeqs),
            thresholds: scenario.thresholds.map { threshold in
                metricSeries.evaluate(
                    threshold,
                    faults: records,
                    recovery: records.filter { $0.startedSeconds != nil }.map { $0.recoverySeconds ?? .infinity }
                )
            },
            samples: metricSeries.chartSamples
        )
    }

    /// The faults the scenario's `random:` block draws over the replay's expected length; a block that cannot fit
    /// them all is a configuration error (a scenario must not silently test less than it says).
    private func drawnFaults(reader: CaptureReader, pace: ReplayPace) throws(PipelineError) -> [FaultSpec] {
        guard let random = scenario.random else { return [] }
        let span: Duration
        do {
            span = try Self.expectedLength(of: reader, pace: pace)
        } catch {
            throw PipelineError(.input, "\(scenarioPath): capture: \(error)")
        }
        let drawn = FaultSchedule.draw(random, over: span)
        guard drawn.count == random.count else {
            throw PipelineError(
                .input,
                "\(scenarioPath): random: \(random.count) faults \(random.minimumGap) apart (each at least "
                    + "\(FaultSchedule.lengths.lowerBound)) do not fit in the middle 80% of a replay of about \(span); "
                    + "lower count or min_gap, or slow the pace"
            )
        }
        return drawn
    }

    /// How long replaying `reader` at `pace` should take; at `max`, estimated at 50,000 events a second.
    static func expectedLength(of reader: CaptureReader, pace: ReplayPace) throws -> Duration {
        let count = try reader.eventCount()
        guard count > 0, let seqs = try reader.seqRange() else { return .zero }
        var first: Int64 = 0
        var last: Int64 = 0
        try reader.forEachEvent(filter: CaptureEventFilter(limit: 1)) { first = $0.recvNs }
        try reader.forEachEvent(filter: CaptureEventFilter(afterSeq: seqs.upperBound - 1, limit: 1)) {
            last = $0.recvNs
        }
        let span = Double(max(0, last - first))
        let nanoseconds: Double =
            switch pace {
            case .recorded: span
            case .multiplied(let factor): span / factor
            case .rate(let rate): Double(count) / rate * 1e9
            case .max: Double(count) / 50_000 * 1e9
            }
        return .nanoseconds(Int64(nanoseconds))
    }

    private func judgeRecovery(
        _ record: inout FaultRecord,
        readings: [RecoveryProbe.Reading],
        transitions: [(seconds: Double, text: String)]
    ) {
        guard let start = record.startedSeconds, let end = record.endedSeconds, record.error == nil else { return }
        let outcome = RecoveryAnalysis.judge(start: start, end: end, readings: readings)
        record.recoverySeconds = outcome.recovered ? outcome.seconds : nil
        record.recoveryDetail = outcome.detail
        let until = end + outcome.seconds + 1
        record.transitions = transitions.filter { $0.seconds >= start && $0.seconds <= until }.map {
            "\(FaultTimeline.format($0.seconds)) \($0.text)"
        }
    }

    private func checks(_ audit: AuditReport, faults: [FaultRecord], lostAtFeed: [Int64]) -> [CheckResult] {
        scenario.checks.map { kind in
            switch kind {
            case .recovers: FaultChecks.recovers(faults)
            case .sourceGapsDetected: FaultChecks.sourceGapsDetected(audit: audit, lostAtFeed: lostAtFeed)
            default:
                AuditChecks.evaluate(kind, on: audit)
                    ?? CheckResult(kind: kind, passed: false, summary: "not decided", evidence: [])
            }
        }
    }
}
