import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The live children of every ``ManagedProcess``, killed by an `atexit` hook when the harness exits.
enum ManagedProcessRegistry {
    private static let live = Mutex<[Int32: ExitSignal]>([:])

    private static let exitHook: Void = {
        atexit {
            ManagedProcessRegistry.killAll()
        }
    }()

    /// Adds a started child before anything waits for it; installs the `atexit` hook on first use.
    static func register(pid: Int32, exit: ExitSignal) {
        exitHook
        live.withLock { $0[pid] = exit }
    }

    /// Removes a child that has exited.
    static func unregister(pid: Int32) {
        _ = live.withLock { $0.removeValue(forKey: pid) }
    }

    /// Sends SIGKILL to every child still running, without waiting: the harness is exiting.
    private static func killAll() {
        live.withLock { children in
            for (pid, exit) in children where exit.status == nil {
                kill(pid, SIGKILL)
            }
        }
    }
}
