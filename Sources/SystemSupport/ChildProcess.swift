import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Starting and reaping child processes with `posix_spawn` and `waitpid` (Linux).
enum ChildProcess {
    /// Starts `executable` with `arguments` and the harness's environment.
    ///
    /// Standard input is `/dev/null`; standard output and error are appended to the given files.
    /// The child starts with an empty signal mask and default signal dispositions, whatever the
    /// spawning thread had (Dispatch worker threads block most signals, and Redis ignores SIGPIPE),
    /// and without the harness's other file descriptors (hiredis sockets are not close-on-exec), on
    /// glibc 2.34 and later.
    ///
    /// - Returns: the child's process id.
    static func spawn(
        executable: String,
        arguments: [String],
        standardOutput: String,
        standardError: String
    ) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, standardOutput, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, standardError, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        if let addCloseFrom {
            _ = addCloseFrom(&actions, 3)
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer {
            for argument in argv {
                free(argument)
            }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        guard result == 0 else {
            throw SystemSupportError(
                .launchFailed,
                "could not start \(executable): \(String(cString: strerror(result)))"
            )
        }
        return pid
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34+), looked up at run time because
    /// Swift's Glibc module does not import it; `nil` on older C libraries.
    private static let addCloseFrom: AddCloseFrom? = {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "posix_spawn_file_actions_addclosefrom_np") else {
            return nil
        }
        return unsafeBitCast(symbol, to: AddCloseFrom.self)
    }()

    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    /// Blocks until the child `pid` exits (`waitpid`) and returns how it ended.
    static func reap(_ pid: pid_t) -> ProcessExitStatus {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            guard errno == EINTR else {
                // ECHILD: something else in the harness reaped the child, so its status is lost.
                return .exited(-1)
            }
        }
        let signal = status & 0x7F
        return signal == 0 ? .exited((status >> 8) & 0xFF) : .signalled(signal)
    }
}
