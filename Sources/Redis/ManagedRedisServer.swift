import Foundation
import Synchronization
import SystemSupport

/// A real `redis-server` child on a free loopback port, for tests and `redis: managed` runs.
///
/// It runs in its own temporary directory with no persistence (`--save ""`, `--appendonly no`),
/// listens on 127.0.0.1 only, and logs to `redis-server.stdout.log` in that directory. It is
/// stopped when released, and killed when the harness exits normally (see ``ManagedProcess``).
public final class ManagedRedisServer: Sendable {
    /// The address it listens on: `127.0.0.1`.
    public let host = "127.0.0.1"
    /// Its TCP port, the same across ``restart()``.
    public let port: Int
    /// The password it requires (`--requirepass`), if any.
    public let password: String?
    /// Its working directory, holding its logs; removed when the server is released.
    public let directory: TemporaryDirectory

    private let startupTimeout: Duration
    private let process: Mutex<ManagedProcess>

    /// `redis://127.0.0.1:<port>`, without the password.
    public var url: String { "redis://\(host):\(port)" }

    /// Whether the `redis-server` process is running.
    public var isRunning: Bool {
        process.withLock { $0.isRunning }
    }

    /// Starts `redis-server` on a free loopback port and waits until it answers `PING`.
    ///
    /// If the server exits before answering (another process took the port), it is started again on
    /// another port, up to three times.
    ///
    /// - Parameters:
    ///   - password: passed as `--requirepass`; defaults to none.
    ///   - startupTimeout: how long to wait for `PING` to answer; defaults to 10 seconds.
    /// - Throws: ``SystemSupportError`` of kind `.executableNotFound` if `redis-server` is not
    ///   installed, or `.launchFailed` with the end of the server's log if it never answers.
    public init(password: String? = nil, startupTimeout: Duration = .seconds(10)) throws {
        let directory = try TemporaryDirectory(prefix: "harness-redis")
        var attempt = 1
        while true {
            do {
                let port = try LoopbackPort.free()
                let process = try Self.start(port: port, directory: directory, password: password)
                do {
                    try Self.waitUntilReady(process: process, port: port, password: password, timeout: startupTimeout)
                } catch  where !process.isRunning && attempt < 3 {
                    attempt += 1
                    continue
                }
                self.port = port
                self.process = Mutex(process)
                break
            } catch {
                try? directory.remove()
                throw error
            }
        }
        self.password = password
        self.directory = directory
        self.startupTimeout = startupTimeout
    }

    deinit {
        process.withLock { _ = $0.terminate(grace: .seconds(5)) }
        try? directory.remove()
    }

    /// Stops the server with SIGTERM (SIGKILL after `grace`) and waits for it to exit.
    ///
    /// - Parameter grace: how long to wait after SIGTERM; defaults to 5 seconds.
    public func stop(grace: Duration = .seconds(5)) {
        process.withLock { _ = $0.terminate(grace: grace) }
    }

    /// Kills the server with SIGKILL and waits for it to exit, as a crash would; for fault injection.
    public func kill() {
        process.withLock { _ = $0.kill() }
    }

    /// Stops the server if it runs, starts it again on the same port and waits until it answers `PING`.
    ///
    /// - Throws: ``SystemSupportError`` of kind `.launchFailed`, with the end of the server's log,
    ///   if it does not answer within the startup timeout (for example, the port was taken meanwhile).
    public func restart() throws {
        try process.withLock { current in
            current.terminate()
            let restarted = try Self.start(port: port, directory: directory, password: password)
            current = restarted
            try Self.waitUntilReady(process: restarted, port: port, password: password, timeout: startupTimeout)
        }
    }

    /// The end of the server's log, for error messages.
    ///
    /// - Parameter lines: how many lines to include; defaults to 20.
    public func logTail(lines: Int = 20) -> String {
        process.withLock { $0.logTail(lines: lines) }
    }

    private static func start(port: Int, directory: TemporaryDirectory, password: String?) throws -> ManagedProcess {
        var arguments = [
            "--port", "\(port)",
            "--bind", "127.0.0.1",
            "--dir", directory.path,
            "--save", "",
            "--appendonly", "no",
            "--daemonize", "no",
        ]
        if let password {
            arguments += ["--requirepass", password]
        }
        return try ManagedProcess(
            executable: "redis-server",
            arguments: arguments,
            logDirectory: directory.url,
            debianPackage: "redis-server"
        )
    }

    /// Polls connect + `PING` with a growing pause (5 ms up to 200 ms) until it answers `PONG`, the
    /// process exits, or `timeout` passes.
    private static func waitUntilReady(
        process: ManagedProcess,
        port: Int,
        password: String?,
        timeout: Duration
    ) throws {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var pause = 0.005
        var lastError: RedisError?
        while clock.now < deadline {
            guard process.isRunning else {
                throw SystemSupportError(
                    .launchFailed,
                    "redis-server on 127.0.0.1:\(port) exited before answering PING "
                        + "(\(process.exitStatus.map(\.description) ?? "unknown status")); its log ends with:\n"
                        + process.logTail()
                )
            }
            do {
                let connection = try RedisConnection(
                    port: port,
                    connectTimeout: .milliseconds(500),
                    commandTimeout: .seconds(1),
                    password: password
                )
                // Another server (a parallel test's) may hold the port and answer in place of ours, which then
                // fails to bind and exits: only our own process id counts as ready.
                if try connection.send(["PING"]) == .status("PONG"),
                    try connection.send(["INFO", "server"]).string?.contains("process_id:\(process.pid)\r") == true
                {
                    return
                }
            } catch {
                lastError = error
            }
            Thread.sleep(forTimeInterval: pause)
            pause = min(pause * 2, 0.2)
        }
        throw SystemSupportError(
            .launchFailed,
            "redis-server on 127.0.0.1:\(port) did not answer PING within \(timeout) "
                + "(last error: \(lastError?.message ?? "none")); its log ends with:\n" + process.logTail()
        )
    }
}
