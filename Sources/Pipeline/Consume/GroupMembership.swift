import Kafka
import Synchronization

/// A processor's view of its consumer group: the partitions it holds and whether they changed since it last
/// looked. Written by the consumer's event handler, read by the processor's thread and the orchestrator.
final class GroupMembership: Sendable {
    private let state = Mutex<(assignment: [KafkaTopicPartition], changed: Bool)>(([], false))
    private let beforeRevoke = Mutex<(@Sendable () -> Void)?>(nil)

    /// Sets what must happen while partitions about to be revoked are still held (store and commit what was
    /// processed of them).
    func onRevoking(_ action: @escaping @Sendable () -> Void) {
        beforeRevoke.withLock { $0 = action }
    }

    /// Partitions are about to be revoked: runs the revoking action, then stops counting them as held, so nothing
    /// is committed for them after the group moved them.
    func revoking(_ partitions: [KafkaTopicPartition]) {
        beforeRevoke.withLock { $0 }?()
        revoke(partitions)
    }

    func assign(_ partitions: [KafkaTopicPartition]) {
        state.withLock {
            $0.assignment.append(contentsOf: partitions)
            $0.changed = true
        }
    }

    func revoke(_ partitions: [KafkaTopicPartition]) {
        state.withLock {
            $0.assignment.removeAll { partitions.contains($0) }
            $0.changed = true
        }
    }

    var assignment: [KafkaTopicPartition] { state.withLock { $0.assignment } }

    /// Whether the assignment changed since the last call.
    func takeRebalance() -> Bool {
        state.withLock { state in
            defer { state.changed = false }
            return state.changed
        }
    }
}
