import Dispatch
import Synchronization

/// The exit of one child process, as an event several threads can wait for.
final class ExitSignal: Sendable {
    private let exited = DispatchGroup()
    private let recorded = Mutex<ProcessExitStatus?>(nil)

    /// Starts out waiting for an exit.
    init() {
        exited.enter()
    }

    /// How the child ended, or `nil` while it runs.
    var status: ProcessExitStatus? {
        recorded.withLock { $0 }
    }

    /// Records the exit and wakes every waiter; called once, by the thread that reaped the child.
    func finish(_ status: ProcessExitStatus, pid: Int32) {
        recorded.withLock { $0 = status }
        ManagedProcessRegistry.unregister(pid: pid)
        exited.leave()
    }

    /// Blocks until the child exits.
    @discardableResult
    func wait() -> ProcessExitStatus {
        exited.wait()
        return status!
    }

    /// Blocks until the child exits or `timeout` passes; `nil` if it is still running.
    func wait(timeout: Duration) -> ProcessExitStatus? {
        guard exited.wait(timeout: .now() + .nanoseconds(Int(timeout.nanoseconds))) == .success else {
            return nil
        }
        return status
    }
}
