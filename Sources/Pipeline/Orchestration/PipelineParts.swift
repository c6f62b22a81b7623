import Kafka
import Redis
import Synchronization
import SystemSupport

/// The servers a run started or connected to, in dependency order, and how to stop them in reverse.
final class PipelineParts: @unchecked Sendable {
    // @unchecked Sendable: the plain properties are set by the run's thread before the other threads start; the
    // publisher, the offset watcher and the processors, which the progress, health and fault threads use too, sit
    // behind a lock.
    var kafkaCluster: EmbeddedKafkaCluster?
    var bootstrapServers = ""
    var redisServer: ManagedRedisServer?
    var redisEndpoint: (host: String, port: Int, password: String?)?
    private let shared = Mutex<(watcher: OffsetWatcher?, publisher: RawPublisher?, processors: [ProcessorWorker])>(
        (nil, nil, [])
    )

    var processors: [ProcessorWorker] {
        get { shared.withLock { $0.processors } }
        set { shared.withLock { $0.processors = newValue } }
    }

    /// Puts `worker` in place of the processor at `index` (a crashed one being restarted).
    func replaceProcessor(at index: Int, with worker: ProcessorWorker) {
        shared.withLock { $0.processors[index] = worker }
    }

    var offsetWatcher: OffsetWatcher? {
        get { shared.withLock { $0.watcher } }
        set { shared.withLock { $0.watcher = newValue } }
    }

    var publisher: RawPublisher? {
        get { shared.withLock { $0.publisher } }
        set { shared.withLock { $0.publisher = newValue } }
    }

    /// Stops what is running, last started first, and releases it. Processors are asked to stop and waited for.
    func stopAll(flushTimeout: Duration) -> [String] {
        var failures: [String] = []
        publisher?.close(flushTimeout: flushTimeout)
        processors.forEach { $0.requestStop() }
        for processor in processors {
            if let failure = processor.waitUntilStopped() { failures.append(failure) }
        }
        offsetWatcher?.stop()
        // Clients go before the embedded cluster: a client destroyed after its brokers logs failed reconnections.
        publisher = nil
        processors = []
        offsetWatcher = nil
        kafkaCluster = nil
        redisServer?.stop()
        return failures
    }
}
