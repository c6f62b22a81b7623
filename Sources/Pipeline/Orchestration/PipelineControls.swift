import Kafka
import Synchronization

/// The handles a scenario runner turns while a replay runs: the embedded cluster's broker controls, the in-process
/// processors (crash and restart) and the readings recovery is judged on. They work from the moment every part
/// runs until the run's `beforeStopping` returns; each action throws a ``PipelineControlError`` naming what is
/// missing when the run has no such part (not started, stopped, or a real Kafka cluster the harness does not own),
/// and the readings are `nil` then.
public final class PipelineControls: Sendable {
    private let parts = Mutex<PipelineParts?>(nil)
    private let restart = Mutex<(@Sendable (Int) throws(PipelineError) -> ProcessorWorker)?>(nil)

    init() {}

    /// Called by the run once every part runs.
    func attach(
        _ parts: PipelineParts,
        restartProcessor: @escaping @Sendable (Int) throws(PipelineError) -> ProcessorWorker
    ) {
        restart.withLock { $0 = restartProcessor }
        self.parts.withLock { $0 = parts }
    }

    /// Called by the run before it stops its parts.
    func detach() {
        parts.withLock { $0 = nil }
        restart.withLock { $0 = nil }
    }

    // MARK: Kafka (embedded cluster only)

    /// The embedded cluster's broker ids (1...n).
    public func brokerIDs() throws(PipelineControlError) -> [Int32] { try cluster().brokerIDs }

    /// Takes `broker` down: its connections close and it refuses new ones until ``brokerUp(_:)``.
    public func brokerDown(_ broker: Int32) throws(PipelineControlError) {
        try kafka("take broker \(broker) down") { cluster throws(KafkaError) in try cluster.setBrokerDown(broker) }
    }

    /// Brings `broker` back.
    public func brokerUp(_ broker: Int32) throws(PipelineControlError) {
        try kafka("bring broker \(broker) back") { cluster throws(KafkaError) in try cluster.setBrokerUp(broker) }
    }

    /// Delays every response of `broker` by `roundTripTime` (zero to undo).
    public func setRoundTripTime(_ roundTripTime: Duration, broker: Int32) throws(PipelineControlError) {
        try kafka("slow broker \(broker)") { cluster throws(KafkaError) in
            try cluster.setRoundTripTime(roundTripTime, broker: broker)
        }
    }

    /// Makes the next `count` produce requests fail with `code`.
    public func failProduceRequests(_ count: Int, with code: KafkaError.Code) throws(PipelineControlError) {
        try cluster().pushRequestErrors(Array(repeating: code, count: max(0, count)), for: .produce)
    }

    /// The broker leading `partition` of `topic` now, from the cluster's metadata.
    public func leader(of partition: Int32, topic: String) throws(PipelineControlError) -> Int32 {
        let metadata: KafkaClusterMetadata
        do {
            metadata = try cluster().metadata()
        } catch let error as PipelineControlError {
            throw error
        } catch {
            throw PipelineControlError("could not read the cluster's metadata: \(error)")
        }
        guard let leader = metadata.topic(topic)?.partitions.first(where: { $0.id == partition })?.leader,
            leader >= 0
        else {
            throw PipelineControlError("topic \(topic) has no partition \(partition) with a leader")
        }
        return leader
    }

    /// Moves the leadership of `partition` of `topic` to `broker`.
    public func moveLeader(topic: String, partition: Int32, to broker: Int32) throws(PipelineControlError) {
        try kafka("move the leader of partition \(partition) to broker \(broker)") { cluster throws(KafkaError) in
            try cluster.moveLeader(topic: topic, partition: partition, to: broker)
        }
    }

    // MARK: Processors

    /// Crashes processor `index` (0-based) mid-batch: nothing it has not committed counts, so its partitions are
    /// read again from the committed offsets by the rest of the group (or by its replacement).
    public func crashProcessor(_ index: Int) throws(PipelineControlError) {
        try processor(index).crash()
    }

    /// Starts a new processor in place of processor `index` (crashed or not running).
    public func restartProcessor(_ index: Int) throws(PipelineControlError) {
        let current = try processor(index)
        guard let restart = restart.withLock({ $0 }) else { throw PipelineControlError("the run has stopped") }
        current.requestStop()
        current.waitUntilStopped()
        do {
            let worker = try restart(index)
            try parts.withLock { parts throws(PipelineControlError) in
                guard let parts else { throw PipelineControlError("the run has stopped") }
                parts.replaceProcessor(at: index, with: worker)
            }
        } catch {
            throw PipelineControlError("could not restart processor \(index + 1): \(error)")
        }
    }

    // MARK: Readings

    /// Events stored (from the committed offsets); `nil` before the run has started.
    public var storedCount: Int64? { parts.withLock { $0?.offsetWatcher?.storedCount } }

    private func cluster() throws(PipelineControlError) -> EmbeddedKafkaCluster {
        guard let parts = parts.withLock({ $0 }) else { throw PipelineControlError("the pipeline is not running") }
        guard let cluster = parts.kafkaCluster else {
            throw PipelineControlError(
                "the run uses a Kafka cluster the harness does not own; use an exec fault to act on it"
            )
        }
        return cluster
    }

    private func kafka(
        _ what: String,
        _ action: (EmbeddedKafkaCluster) throws(KafkaError) -> Void
    ) throws(PipelineControlError) {
        let cluster = try cluster()
        do {
            try action(cluster)
        } catch {
            throw PipelineControlError("could not \(what): \(error)")
        }
    }

    private func processor(_ index: Int) throws(PipelineControlError) -> ProcessorWorker {
        guard let parts = parts.withLock({ $0 }) else { throw PipelineControlError("the pipeline is not running") }
        let processors = parts.processors
        guard processors.indices.contains(index) else {
            throw PipelineControlError(
                "there is no processor \(index + 1); the run has \(processors.count) in this process"
            )
        }
        return processors[index]
    }
}

/// Why a ``PipelineControls`` call could not be done.
public struct PipelineControlError: Error, Sendable, CustomStringConvertible {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
