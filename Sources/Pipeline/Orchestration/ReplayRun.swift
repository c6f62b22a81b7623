import Capture
import Foundation
import Kafka
import MarketData
import Redis
import Synchronization
import SystemSupport

/// One replay of a capture through the whole pipeline: starts storage, Redis, Kafka, the processors and the
/// source in that order, replays, drains (waits until everything published is stored), stops in reverse order and
/// audits what was stored against the capture.
///
/// ``requestStop(force:)`` is the graceful shutdown: the source stops, what it published is drained, flushed and
/// committed. With `force`, nothing is waited for.
public final class ReplayRun: Sendable {
    public let configuration: ReplayConfiguration
    /// The run's id: the first half of every trace id.
    public let runID: UInt64
    public let counters = PipelineCounters()
    public let metrics = PipelineMetrics()
    /// The handles a scenario runner turns while the run runs (broker faults, processor crashes, readings).
    public let controls = PipelineControls()
    private let stopRequest = Mutex<(stop: Bool, force: Bool)>((false, false))
    private let replayer = Mutex<CaptureReplayer?>(nil)
    private let publisherForCancel = Mutex<RawPublisher?>(nil)

    public init(configuration: ReplayConfiguration) {
        self.configuration = configuration
        var generator = SplitMix64(seed: UInt64(bitPattern: MonotonicClock.unixNanoseconds()))
        runID = generator.next()
    }

    /// The raw topic of this run.
    public var topic: String {
        configuration.topic ?? (isEmbedded ? "md.raw" : "harness.\(String(runID, radix: 16)).md.raw")
    }

    /// The consumer group of this run.
    public var groupID: String {
        configuration.groupID ?? (isEmbedded ? "harness-processors" : "harness-\(String(runID, radix: 16))")
    }

    private var isEmbedded: Bool {
        if case .embedded = configuration.kafka { return true }
        return false
    }

    /// Stops the run: the source stops publishing; unless `force`, what was published is stored before the run ends.
    public func requestStop(force: Bool) {
        stopRequest.withLock { $0 = (true, $0.force || force) }
        replayer.withLock { $0?.stop() }
        if force { publisherForCancel.withLock { $0?.cancel() } }
    }

    private var stopState: (stop: Bool, force: Bool) { stopRequest.withLock { $0 } }

    /// Whether a stop was requested.
    var stopRequested: Bool { stopState.stop }

    /// Runs the replay. `progress` is called about four times a second from a helper thread; `onStarted` once when
    /// every part runs, with the Kafka bootstrap servers and the sink's destination (for processors elsewhere);
    /// `notice` with each breaker transition, from whichever thread saw it; `observe` with each health sample (once a
    /// second, from the sampling thread); `beforeStopping` once the replay has drained (or failed), while every
    /// part still runs and ``controls`` still work, on the run's thread.
    public func run(
        progress: @escaping @Sendable (ReplayProgress) -> Void = { _ in },
        onStarted: @escaping @Sendable (_ bootstrapServers: String, _ sink: String) -> Void = { _, _ in },
        notice: @escaping @Sendable (String) -> Void = { _ in },
        observe: @escaping @Sendable (HealthObservation) -> Void = { _ in },
        beforeStopping: () -> Void = {}
    ) throws(PipelineError) -> ReplayResult {
        let started = MonotonicClock.nanoseconds()
        let reader = try openCapture()
        let captureEvents = Int64((try? reader.eventCount()) ?? 0)
        try createOutputDirectory()
        let runDatabase: RunDatabase
        do {
            runDatabase = try RunDatabase(
                path: runDatabasePath,
                runID: runID,
                metadata: [
                    "capture": configuration.capturePath, "pace": configuration.pace.description, "topic": topic,
                    "group": groupID, "started_ns": String(MonotonicClock.unixNanoseconds()),
                ]
            )
        } catch {
            throw PipelineError(
                .input,
                "could not create the run database in \(configuration.outputDirectory): \(error)"
            )
        }
        let parts = PipelineParts()
        let currentLag: @Sendable () -> Int64 = {
            parts.offsetWatcher.map { $0.lag(highWatermarks: parts.publisher?.highWatermarks ?? [:]) } ?? 0
        }
        let phase = Mutex(ReplayProgress.Phase.starting)
        let reporter = ProgressReporter(interval: .milliseconds(250)) { [counters] in
            ReplayProgress(
                phase: phase.withLock { $0 },
                captureEvents: captureEvents,
                published: counters.emitted.value,
                acked: counters.acked.value,
                stored: parts.offsetWatcher?.storedCount ?? 0,
                lag: currentLag(),
                elapsedNs: MonotonicClock.nanoseconds() - started
            )
        } report: {
            progress($0)
        }
        defer { reporter.stop() }
        let sampler = HealthSampler(
            thresholds: configuration.thresholds,
            metrics: metrics,
            runDatabase: runDatabase,
            observer: observe
        )
        let healthClock = ProgressReporter(interval: .seconds(1)) { [counters, configuration] in
            let lag = currentLag()
            let inProcess = configuration.processors > 0
            return HealthSampler.Readings(
                emitted: counters.emitted.value,
                acked: counters.acked.value,
                deliveryFailed: counters.deliveryFailed.value,
                consumed: counters.consumed.value,
                processed: counters.processed.value,
                stored: parts.offsetWatcher?.storedCount ?? 0,
                kafkaErrors: counters.kafkaErrors.value,
                storageErrors: counters.sinkErrors.value + counters.redisErrors.value,
                unreadable: counters.unreadableMessages.value,
                unacked: Int64(parts.publisher?.inFlight ?? 0),
                lag: lag,
                waitingForProcessors: inProcess ? max(0, counters.acked.value - counters.consumed.value) : lag,
                waitingForSink: inProcess
                    ? max(0, counters.processed.value - counters.redelivered.value - counters.stored.value) : 0
            )
        } report: {
            sampler.sample($0)
        }

        var statistics = CaptureReplayer.Statistics()
        var drained = false
        var replayStarted: Int64 = 0
        var drainEnded: Int64 = 0
        do {
            try startParts(parts, reader: reader, runDatabase: runDatabase, notice: notice)
            onStarted(parts.bootstrapServers, sinkDestination)
            phase.withLock { $0 = .replaying }
            replayStarted = MonotonicClock.nanoseconds()
            statistics = try replay(reader, parts: parts)
            phase.withLock { $0 = .draining }
            drained = drain(parts)
            drainEnded = MonotonicClock.nanoseconds()
            beforeStopping()
            controls.detach()
        } catch {
            beforeStopping()
            controls.detach()
            healthClock.stop()
            reporter.stop()
            releaseSource()
            _ = parts.stopAll(flushTimeout: .zero)
            runDatabase.close()
            throw error
        }
        healthClock.stop()
        phase.withLock { $0 = .stopping }
        let retainedFrom = parts.offsetWatcher?.lowWatermarks() ?? [:]
        progress(reporter.stop())
        releaseSource()
        let failures = parts.stopAll(flushTimeout: stopState.force ? .zero : .seconds(10))
        if let failure = runDatabase.close() {
            throw PipelineError(.failed, failure)
        }
        phase.withLock { $0 = .auditing }
        var result = ReplayResult(
            configuration: configuration,
            runID: runID,
            runDatabasePath: runDatabasePath,
            sinkDestination: sinkDestination,
            statistics: statistics,
            counters: counters,
            drained: drained,
            interrupted: stopState.stop,
            processorFailures: failures,
            elapsedNs: MonotonicClock.nanoseconds() - started,
            pipelineElapsedNs: drainEnded - replayStarted
        )
        result.health = sampler.summary
        guard configuration.tracing else { return result }
        result.audit = try audit(
            reader,
            interrupted: stopState.stop,
            lastPublishedSeq: statistics.lastSeq,
            retainedFrom: retainedFrom
        )
        return result
    }

    /// Follows every capture event through the run database and the sink.
    private func audit(
        _ reader: CaptureReader,
        interrupted: Bool,
        lastPublishedSeq: Int64,
        retainedFrom: [Int32: Int64]
    ) throws(PipelineError) -> AuditReport {
        let stored = try makeSink()
        do {
            return try DeliveryAudit(
                reader: reader,
                runDatabasePath: runDatabasePath,
                stored: stored,
                runID: runID,
                interrupted: interrupted,
                lastPublishedSeq: lastPublishedSeq,
                retainedFrom: retainedFrom,
                lostAtFeed: Set(configuration.sourceFaults?.lostSeqs ?? [])
            ).run()
        } catch {
            throw PipelineError(.failed, "auditing the run failed: \(error)")
        }
    }

    /// Drops the run's references to the source, so stopping the parts really releases the producer.
    private func releaseSource() {
        replayer.withLock { $0 = nil }
        publisherForCancel.withLock { $0 = nil }
    }

    /// The run database's path in the run folder.
    public var runDatabasePath: String {
        URL(fileURLWithPath: configuration.outputDirectory).appendingPathComponent("run.sqlite").path
    }

    /// The SQLite sink's path when the sink is SQLite.
    public var sqliteSinkPath: String? {
        guard case .sqlite(let path) = configuration.sink else { return nil }
        return path ?? URL(fileURLWithPath: configuration.outputDirectory).appendingPathComponent("sink.sqlite").path
    }

    var sinkDestination: String {
        switch configuration.sink {
        case .sqlite: "sqlite:\(sqliteSinkPath ?? "")"
        case .clickhouse(let endpoint): "clickhouse:\(endpoint.host):\(endpoint.port)/\(endpoint.database)"
        }
    }

    private func openCapture() throws(PipelineError) -> CaptureReader {
        do {
            return try CaptureReader(path: configuration.capturePath)
        } catch {
            throw PipelineError(.input, "\(error)")
        }
    }

    private func createOutputDirectory() throws(PipelineError) {
        let path = configuration.outputDirectory
        guard !FileManager.default.fileExists(atPath: path) else {
            throw PipelineError(.input, "run folder \(path) already exists; choose another --out")
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw PipelineError(.input, "could not create run folder \(path): \(error.localizedDescription)")
        }
    }

    private func replay(
        _ reader: CaptureReader,
        parts: PipelineParts
    ) throws(PipelineError) -> CaptureReplayer.Statistics {
        guard let publisher = parts.publisher, let watcher = parts.offsetWatcher else {
            throw PipelineError(.failed, "the pipeline did not start its source")
        }
        let replayer = CaptureReplayer(
            reader: reader,
            pace: configuration.pace,
            publisher: publisher,
            window: configuration.window,
            counters: counters,
            storedCount: { watcher.storedCount },
            stallTimeout: configuration.stallTimeout,
            failure: { parts.processors.lazy.compactMap(\.currentFailure).first },
            beforeEvent: configuration.beforeEvent ?? { _ in },
            faults: configuration.sourceFaults
        )
        self.replayer.withLock { $0 = replayer }
        publisherForCancel.withLock { $0 = publisher }
        if stopState.stop { replayer.stop() }
        do {
            return try replayer.run()
        } catch {
            let kind: PipelineError.Kind = error is KafkaError ? .failed : .input
            throw PipelineError(kind, "replaying \(configuration.capturePath) failed: \(error)")
        }
    }

    /// Waits until every published event is acknowledged and stored, or nothing moves for the stall time-out, or a
    /// forced stop. Returns whether everything was stored.
    private func drain(_ parts: PipelineParts) -> Bool {
        guard let publisher = parts.publisher, let watcher = parts.offsetWatcher else { return false }
        var lastProgress = MonotonicClock.nanoseconds()
        var lastSeen: (Int64, Int64) = (-1, -1)
        while !stopState.force {
            let inFlight = Int64(publisher.inFlight)
            watcher.refresh()
            let highs = publisher.highWatermarks
            if inFlight == 0 && watcher.hasCaughtUp(to: highs) { return true }
            if parts.processors.contains(where: { $0.hasFailed }) { return false }
            let seen = (counters.acked.value, watcher.storedCount)
            let now = MonotonicClock.nanoseconds()
            if seen != lastSeen {
                lastSeen = seen
                lastProgress = now
            } else if now - lastProgress > configuration.stallTimeout.nanoseconds {
                return false
            }
            try? publisher.flush(timeout: .milliseconds(20))
            MonotonicClock.sleep(nanoseconds: 10_000_000)
        }
        return false
    }
}
