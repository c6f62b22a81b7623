import Foundation

/// A child process the harness started and must not leave behind, such as `redis-server`.
///
/// The binary is looked up on `PATH`. Standard output and standard error are appended to
/// `<logDirectory>/<name>.stdout.log` and `<name>.stderr.log`; standard input is `/dev/null`.
///
/// Cleanup: a `ManagedProcess` that is released while its child runs kills the child (SIGKILL), and
/// every live child is killed (SIGKILL) when the harness exits normally, through an `atexit` hook.
/// A harness that is itself killed by a signal (SIGKILL, or a SIGINT/SIGTERM it does not handle) or
/// that crashes cannot run that hook: its children keep running and must be stopped by hand.
public final class ManagedProcess: Sendable {
    /// The binary's name as given, e.g. `redis-server`.
    public let name: String
    /// The binary found on `PATH`.
    public let executableURL: URL
    /// The arguments the binary was started with.
    public let arguments: [String]
    /// The file the child's standard output is appended to.
    public let standardOutputURL: URL
    /// The file the child's standard error is appended to.
    public let standardErrorURL: URL
    /// The child's process id.
    public let pid: Int32

    private let exit: ExitSignal

    /// Starts `name`, found on `PATH`, with `arguments`.
    ///
    /// - Parameters:
    ///   - name: the binary's name, or a path containing `/`.
    ///   - arguments: its arguments; defaults to none.
    ///   - logDirectory: where the `.stdout.log` and `.stderr.log` files go; it must exist.
    ///   - debianPackage: the package to suggest when the binary is missing; defaults to `name`.
    /// - Throws: ``SystemSupportError`` of kind `.executableNotFound`, whose message names the
    ///   Debian package to install, or `.launchFailed`.
    public init(
        executable name: String,
        arguments: [String] = [],
        logDirectory: URL,
        debianPackage: String? = nil
    ) throws {
        guard let executableURL = Self.locate(name) else {
            let package = debianPackage ?? name
            throw SystemSupportError(
                .executableNotFound,
                "\(name) not found on PATH; install it with `apt-get install -y \(package)`"
            )
        }
        self.name = name
        self.executableURL = executableURL
        self.arguments = arguments
        standardOutputURL = logDirectory.appendingPathComponent("\(name).stdout.log")
        standardErrorURL = logDirectory.appendingPathComponent("\(name).stderr.log")
        let pid = try ChildProcess.spawn(
            executable: executableURL.path,
            arguments: arguments,
            standardOutput: standardOutputURL.path,
            standardError: standardErrorURL.path
        )

        let exit = ExitSignal()
        self.pid = pid
        self.exit = exit
        ManagedProcessRegistry.register(pid: pid, exit: exit)
        Thread.detachNewThread {
            exit.finish(ChildProcess.reap(pid), pid: pid)
        }
    }

    deinit {
        if exit.status == nil {
            signalProcess(pid, SIGKILL)
            exit.wait()
        }
    }

    /// Whether the child is still running (it has not been reaped yet).
    public var isRunning: Bool { exit.status == nil }

    /// How the child ended, or `nil` while it runs.
    public var exitStatus: ProcessExitStatus? { exit.status }

    /// Blocks until the child exits and returns how it ended.
    @discardableResult
    public func waitForExit() -> ProcessExitStatus {
        exit.wait()
    }

    /// Asks the child to stop with SIGTERM, sends SIGKILL if it is still running after `grace`,
    /// and blocks until it has exited.
    ///
    /// - Parameter grace: how long to wait after SIGTERM; defaults to 5 seconds.
    @discardableResult
    public func terminate(grace: Duration = .seconds(5)) -> ProcessExitStatus {
        if exit.status == nil {
            signalProcess(pid, SIGTERM)
        }
        if let status = exit.wait(timeout: grace) {
            return status
        }
        return kill()
    }

    /// Kills the child with SIGKILL and blocks until it has exited.
    @discardableResult
    public func kill() -> ProcessExitStatus {
        if exit.status == nil {
            signalProcess(pid, SIGKILL)
        }
        return exit.wait()
    }

    private static func locate(_ name: String) -> URL? {
        let fileManager = FileManager.default
        if name.contains("/") {
            return fileManager.isExecutableFile(atPath: name) ? URL(fileURLWithPath: name) : nil
        }
        let searchPath = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in searchPath.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent(name)
            if fileManager.isExecutableFile(atPath: candidate.path) {
                return candidate
            }
        }
        return nil
    }
}

/// Sends `signal` to `pid`; a free function so the call is not shadowed by ``ManagedProcess/kill()``.
private func signalProcess(_ pid: Int32, _ signal: Int32) {
    _ = kill(pid, signal)
}
