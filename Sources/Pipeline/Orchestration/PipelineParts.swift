import Kafka
import Redis
import SystemSupport

/// The servers a run started or connected to, in dependency order, and how to stop them in reverse.
final class PipelineParts: @unchecked Sendable {
    // @unchecked Sendable: set up on the run's thread before any other thread sees it, then only read.
    var kafkaCluster: EmbeddedKafkaCluster?
    var bootstrapServers = ""
    var redisServer: ManagedRedisServer?
    var redisEndpoint: (host: String, port: Int, password: String?)?
    var processors: [ProcessorWorker] = []
    var offsetWatcher: OffsetWatcher?
    var publisher: RawPublisher?

    /// Stops what is running, last started first. Processors are asked to stop and waited for.
    func stopAll(flushTimeout: Duration) -> [String] {
        var failures: [String] = []
        publisher?.close(flushTimeout: flushTimeout)
        processors.forEach { $0.requestStop() }
        for processor in processors {
            if let failure = processor.waitUntilStopped() { failures.append(failure) }
        }
        offsetWatcher?.stop()
        redisServer?.stop()
        return failures
    }
}
