import Capture
import Foundation
import Kafka
import Redis
import SystemSupport

extension ReplayRun {
    /// Starts the parts in dependency order: storage, Redis, Kafka, processors, then the source's publisher.
    func startParts(
        _ parts: PipelineParts,
        reader: CaptureReader,
        runDatabase: RunDatabase,
        notice: @escaping @Sendable (String) -> Void
    ) throws(PipelineError) {
        let deadline = MonotonicClock.deadline(after: configuration.startupTimeout.nanoseconds)
        _ = try makeSink()
        try startRedis(parts)
        try startKafka(parts, deadline: deadline)
        let breakers = BreakerSet(runDatabase: runDatabase, log: notice)
        let level1Fields = reader.metadata.level1FieldList
        let makeProcessor = { @Sendable [self] (index: Int) throws(PipelineError) -> ProcessorWorker in
            var processorConfiguration = ProcessorConfiguration(
                bootstrapServers: parts.bootstrapServers,
                groupID: groupID,
                topic: topic,
                name: "processor-\(index + 1)@\(ProcessInfo.processInfo.processIdentifier)"
            )
            processorConfiguration.level1Fields = level1Fields
            return try startProcessor(processorConfiguration, parts: parts, breakers: breakers)
        }
        for index in 0..<configuration.processors {
            parts.processors.append(try makeProcessor(index))
        }
        try waitForAssignment(parts, deadline: deadline)
        do {
            parts.offsetWatcher = try OffsetWatcher(
                configuration: KafkaConfiguration(bootstrapServers: parts.bootstrapServers),
                groupID: groupID,
                topic: topic,
                partitionCount: configuration.partitions
            )
            var producerConfiguration = KafkaProducerConfiguration(bootstrapServers: parts.bootstrapServers)
            producerConfiguration.linger = .milliseconds(configuration.lingerMs)
            parts.publisher = try RawPublisher(
                configuration: producerConfiguration,
                topic: topic,
                runID: runID,
                counters: counters,
                metrics: metrics,
                runDatabase: runDatabase,
                tracing: configuration.tracing,
                traceFaults: configuration.traceFaults,
                onError: { error in breakers.kafka.recordFailure(now: .monotonicNow, reason: error.description) },
                onAcknowledged: {
                    // Acknowledgements are the breaker's successes: they reset its count and close it once open.
                    if breakers.kafka.allowsRequest(now: .monotonicNow) {
                        breakers.kafka.recordSuccess(now: .monotonicNow)
                    }
                }
            )
        } catch {
            throw PipelineError(.infrastructure, "Kafka at \(parts.bootstrapServers): \(error)")
        }
        controls.attach(parts, restartProcessor: makeProcessor)
    }

    /// A sink of the configured kind, with the run's injected faults if any; each processor gets its own.
    func makeSink() throws(PipelineError) -> any EventSink & StoredEventReader {
        do {
            let sink: any EventSink & StoredEventReader
            switch configuration.sink {
            case .sqlite:
                sink = try SQLiteSink(path: sqliteSinkPath ?? "")
            case .clickhouse(let endpoint):
                sink = try ClickHouseSink(endpoint: endpoint)
            }
            return configuration.sinkFaults.map { FaultInjectingSink(sink, faults: $0) } ?? sink
        } catch {
            let kind: PipelineError.Kind = error.kind == .unavailable ? .infrastructure : .input
            throw PipelineError(kind, "\(error.message)")
        }
    }

    private func startRedis(_ parts: PipelineParts) throws(PipelineError) {
        switch configuration.redis {
        case .none:
            return
        case .managed:
            do {
                let server = try ManagedRedisServer()
                parts.redisServer = server
                parts.redisEndpoint = (server.host, server.port, server.password)
            } catch {
                throw PipelineError(.infrastructure, "could not start redis-server: \(error)")
            }
        case .external(let host, let port, let password):
            do {
                let connection = try RedisConnection(host: host, port: port, password: password)
                _ = try connection.send(["PING"])
            } catch {
                throw PipelineError(
                    .infrastructure,
                    "Redis at \(host):\(port) is unreachable: \(error); start it or pass --redis managed"
                )
            }
            parts.redisEndpoint = (host, port, password)
        }
    }

    private func startKafka(_ parts: PipelineParts, deadline: Int64) throws(PipelineError) {
        switch configuration.kafka {
        case .embedded(let brokers):
            do {
                let cluster = try EmbeddedKafkaCluster(brokers: brokers)
                try cluster.createTopic(topic, partitions: configuration.partitions)
                parts.kafkaCluster = cluster
                parts.bootstrapServers = cluster.bootstrapServers
            } catch {
                throw PipelineError(.infrastructure, "could not start the embedded Kafka cluster: \(error)")
            }
        case .external(let bootstrapServers):
            parts.bootstrapServers = bootstrapServers
            do {
                let admin = try KafkaAdmin(configuration: KafkaConfiguration(bootstrapServers: bootstrapServers))
                let left = max(1_000_000_000, deadline - MonotonicClock.nanoseconds())
                try admin.createTopic(
                    topic,
                    partitions: configuration.partitions,
                    replicationFactor: 1,
                    timeout: .nanoseconds(min(left, 10_000_000_000))
                )
            } catch {
                throw PipelineError(
                    .infrastructure,
                    "Kafka at \(bootstrapServers) is unreachable or refused to create topic \(topic): \(error)"
                )
            }
        }
    }

    private func startProcessor(
        _ processorConfiguration: ProcessorConfiguration,
        parts: PipelineParts,
        breakers: BreakerSet
    ) throws(PipelineError) -> ProcessorWorker {
        let liveState = parts.redisEndpoint.map {
            LiveStateWriter(
                host: $0.host,
                port: $0.port,
                password: $0.password,
                breaker: breakers.redis,
                counters: counters
            )
        }
        do {
            let worker = try ProcessorWorker(
                configuration: processorConfiguration,
                sink: try makeSink(),
                storedLines: try makeSink(),
                liveState: liveState,
                counters: counters,
                metrics: metrics,
                sinkBreaker: breakers.sink
            )
            try worker.start()
            return worker
        } catch let error as PipelineError {
            throw error
        } catch {
            throw PipelineError(.infrastructure, "could not start \(processorConfiguration.name): \(error)")
        }
    }

    /// Waits until the in-process processors hold every partition, so the first events are not held up by the
    /// group's first assignment (about 3 s on the embedded cluster).
    private func waitForAssignment(_ parts: PipelineParts, deadline: Int64) throws(PipelineError) {
        guard !parts.processors.isEmpty else { return }
        while parts.processors.reduce(0, { $0 + $1.assignment.count }) < configuration.partitions {
            guard MonotonicClock.nanoseconds() < deadline else {
                throw PipelineError(
                    .infrastructure,
                    "the processors got no partitions of \(topic) within \(configuration.startupTimeout)"
                )
            }
            if stopRequested { return }
            MonotonicClock.sleep(nanoseconds: 10_000_000)
        }
    }
}
