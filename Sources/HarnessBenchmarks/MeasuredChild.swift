import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A child process whose own resource use is read when it is reaped: `wait4` gives the peak RSS of this child (and
/// of the children it reaped itself), not the largest of every child this benchmark ever started, as
/// `getrusage(RUSAGE_CHILDREN)` would. Foundation's `Process` reaps its children itself, so this spawns with
/// `posix_spawn`.
struct MeasuredChild {
    /// How a child ended and what it used.
    struct Outcome {
        /// The exit status, or 128 + the signal that ended it.
        var status: Int32
        /// Wall time from spawn to reaping.
        var seconds: Double
        /// Peak resident set size in bytes (`ru_maxrss`).
        var peakRSSBytes: Int

        var succeeded: Bool { status == 0 }
    }

    let pid: pid_t
    private let started = Stopwatch()

    /// Starts `executable` with `arguments`; standard input is `/dev/null`, standard output and error go to the
    /// given files (created or truncated).
    init(_ executable: String, _ arguments: [String], standardOutput: String, standardError: String) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, standardOutput, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if standardError == standardOutput {
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        } else {
            posix_spawn_file_actions_addopen(&actions, 2, standardError, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard result == 0 else {
            throw BenchmarkError("could not start \(executable): \(String(cString: strerror(result)))")
        }
        self.pid = pid
    }

    /// Sends `signal` (SIGTERM by default) to the child.
    func signal(_ signal: Int32 = SIGTERM) {
        kill(pid, signal)
    }

    /// Blocks until the child exits and returns how it ended with its peak RSS.
    func wait() -> Outcome {
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) == -1 && errno == EINTR {}
        let signal = status & 0x7F
        return Outcome(
            status: signal == 0 ? (status >> 8) & 0xFF : 128 + signal,
            seconds: started.elapsed.seconds,
            peakRSSBytes: usage.ru_maxrss * 1024
        )
    }

    /// Runs `executable` to the end.
    static func run(_ executable: String, _ arguments: [String], output: String, errors: String) throws -> Outcome {
        try MeasuredChild(executable, arguments, standardOutput: output, standardError: errors).wait()
    }

    /// Runs a `bash -o pipefail -c` pipeline to the end (it fails if any command in it fails); output and errors go
    /// to `log`.
    static func shell(_ script: String, log: String) throws -> Outcome {
        try run("/bin/bash", ["-o", "pipefail", "-c", script], output: log, errors: log)
    }

    /// The last `count` lines of a log file, for error messages.
    static func tail(of path: String, lines count: Int = 5) -> String {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(count).joined(separator: "\n")
    }
}

/// `text` quoted for `/bin/sh`.
func shellQuoted(_ text: String) -> String {
    "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
}
