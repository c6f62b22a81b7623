import Foundation
import SystemSupport

/// A real `clickhouse-server` child on free loopback ports, for tests and `clickhouse: managed` runs.
///
/// It runs with the Debian package's `/etc/clickhouse-server/config.xml`, overriding every path (data, temporary
/// files, user files, format schemas, logs) to its own temporary directory and every port the config opens
/// (HTTP, native TCP, interserver HTTP) to free ones, so several can run at once. It listens on loopback only, as
/// that config does. It is stopped when released, and killed when the harness exits normally (see
/// ``ManagedProcess``).
public final class ManagedClickHouseServer: Sendable {
    /// The address it listens on: `127.0.0.1`.
    public let host = "127.0.0.1"
    /// Its HTTP port, for ``ClickHouseClient``.
    public let httpPort: Int
    /// Its native TCP port, for `clickhouse-client`.
    public let tcpPort: Int
    /// Its working directory, holding its data and logs; removed when the server is released.
    public let directory: TemporaryDirectory

    private let process: ManagedProcess

    /// `http://127.0.0.1:<httpPort>`.
    public var url: String { "http://\(host):\(httpPort)" }

    /// Whether the `clickhouse-server` process is running.
    public var isRunning: Bool { process.isRunning }

    /// The config file every managed server starts from (from the Debian package `clickhouse-server`).
    static let configFile = "/etc/clickhouse-server/config.xml"

    /// Starts `clickhouse-server` on free loopback ports and waits until `GET /?query=SELECT%201` answers.
    ///
    /// The binary is looked up on `PATH`, then in `/usr/sbin` and `/usr/bin` (Debian installs it in `/usr/sbin`,
    /// which is not on a normal user's `PATH`). If the server exits before answering (another process took one of
    /// its ports), it is started again on other ports, up to three times.
    ///
    /// - Parameter startupTimeout: how long to wait for the first answer; defaults to 60 seconds.
    /// - Throws: ``SystemSupportError`` of kind `.executableNotFound` if `clickhouse-server` is not installed, or
    ///   `.launchFailed` with the end of the server's logs if it never answers.
    public init(startupTimeout: Duration = .seconds(60)) throws {
        guard let binary = Self.locate() else {
            throw SystemSupportError(
                .executableNotFound,
                "clickhouse-server not found on PATH, in /usr/sbin or in /usr/bin; run .ci/setup "
                    + "(or `apt-get install -y clickhouse-server`)"
            )
        }
        let directory = try TemporaryDirectory(prefix: "harness-clickhouse")
        do {
            let launcher = directory.path + "/clickhouse-server"
            try FileManager.default.createSymbolicLink(atPath: launcher, withDestinationPath: binary)
            var attempt = 1
            while true {
                let ports = try Self.freePorts()
                let process = try Self.start(launcher, ports: ports, directory: directory)
                do {
                    try Self.waitUntilReady(process, ports: ports, directory: directory, timeout: startupTimeout)
                } catch  where !process.isRunning && attempt < 3 {
                    attempt += 1
                    continue
                }
                httpPort = ports.http
                tcpPort = ports.tcp
                self.process = process
                break
            }
        } catch {
            try? directory.remove()
            throw error
        }
        self.directory = directory
    }

    deinit {
        process.terminate(grace: .seconds(10))
        try? directory.remove()
    }

    /// Stops the server with SIGTERM (SIGKILL after `grace`) and waits for it to exit; ClickHouse takes about
    /// two seconds to shut down.
    ///
    /// - Parameter grace: how long to wait after SIGTERM; defaults to 10 seconds.
    public func stop(grace: Duration = .seconds(10)) {
        process.terminate(grace: grace)
    }

    /// Kills the server with SIGKILL and waits for it to exit, as a crash would; for fault injection.
    public func kill() {
        process.kill()
    }

    /// The end of the server's standard output and error and of its own log (`<directory>/log`, warnings and
    /// errors), for error messages.
    ///
    /// - Parameter lines: how many lines of each log to include; defaults to 20.
    public func logTail(lines: Int = 20) -> String {
        Self.logTail(process, directory: directory, lines: lines)
    }

    private struct Ports {
        var http: Int
        var tcp: Int
        var interserver: Int
    }

    /// Three different free loopback ports.
    private static func freePorts() throws -> Ports {
        var ports: [Int] = []
        while ports.count < 3 {
            let port = try LoopbackPort.free()
            if !ports.contains(port) {
                ports.append(port)
            }
        }
        return Ports(http: ports[0], tcp: ports[1], interserver: ports[2])
    }

    private static func locate() -> String? {
        let searchPath = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let directories = searchPath.split(separator: ":").map(String.init) + ["/usr/sbin", "/usr/bin"]
        return directories.map { $0 + "/clickhouse-server" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Starts the server through `launcher`, a symbolic link to the binary in `directory`.
    ///
    /// ``ManagedProcess`` names its log files after the executable inside `logDirectory`; the link's absolute path
    /// under `/` puts them at `<directory>/clickhouse-server.stdout.log` and `.stderr.log`.
    private static func start(
        _ launcher: String,
        ports: Ports,
        directory: TemporaryDirectory
    ) throws -> ManagedProcess {
        let path = directory.path
        return try ManagedProcess(
            executable: launcher,
            arguments: [
                "--config-file=\(configFile)",
                "--",
                "--path=\(path)/",
                "--tmp_path=\(path)/tmp/",
                "--user_files_path=\(path)/user_files/",
                "--format_schema_path=\(path)/format_schemas/",
                "--http_port=\(ports.http)",
                "--tcp_port=\(ports.tcp)",
                "--interserver_http_port=\(ports.interserver)",
                "--logger.log=\(path)/log",
                "--logger.errorlog=\(path)/err",
                "--display_name=\(displayName(directory))",
            ],
            logDirectory: URL(fileURLWithPath: "/"),
            debianPackage: "clickhouse-server"
        )
    }

    /// The server's `display_name`, unique per directory: ClickHouse sends it in every answer
    /// (`X-ClickHouse-Server-Display-Name`), so the readiness check knows the answer came from this server.
    private static func displayName(_ directory: TemporaryDirectory) -> String {
        directory.url.lastPathComponent
    }

    /// Polls `GET /?query=SELECT%201` with a growing pause (5 ms up to 200 ms) until this server answers `1`, the
    /// process exits, or `timeout` passes.
    private static func waitUntilReady(
        _ process: ManagedProcess,
        ports: Ports,
        directory: TemporaryDirectory,
        timeout: Duration
    ) throws {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        let request = Array("GET /?query=SELECT%201 HTTP/1.1\r\nHost: 127.0.0.1:\(ports.http)\r\n\r\n".utf8)
        var pause = 0.005
        var lastError = "none"
        while clock.now < deadline {
            guard process.isRunning else {
                throw SystemSupportError(
                    .launchFailed,
                    "clickhouse-server on 127.0.0.1:\(ports.http) exited before answering "
                        + "(\(process.exitStatus.map(\.description) ?? "unknown status")); its logs end with:\n"
                        + logTail(process, directory: directory, lines: 20)
                )
            }
            do throws(HTTPFailure) {
                let connection = try HTTPConnection(host: "127.0.0.1", port: ports.http, timeout: .seconds(1))
                let response = try connection.exchange(
                    head: request,
                    body: UnsafeRawBufferPointer(start: nil, count: 0)
                )
                // Another server (a parallel test's) may hold the port and answer in place of ours, which then
                // fails to bind and exits: only an answer with our display name counts.
                if response.status == 200, response.text == "1\n",
                    response.header("x-clickhouse-server-display-name") == displayName(directory)
                {
                    return
                }
                lastError = "HTTP \(response.status) \(response.reason): \(response.text.prefix(200))"
            } catch {
                lastError = "\(error)"
            }
            Thread.sleep(forTimeInterval: pause)
            pause = min(pause * 2, 0.2)
        }
        throw SystemSupportError(
            .launchFailed,
            "clickhouse-server on 127.0.0.1:\(ports.http) did not answer SELECT 1 within \(timeout) "
                + "(last error: \(lastError)); its logs end with:\n" + logTail(process, directory: directory, lines: 20)
        )
    }

    private static func logTail(_ process: ManagedProcess, directory: TemporaryDirectory, lines: Int) -> String {
        var text = process.logTail(lines: lines)
        let log = directory.path + "/log"
        if let data = FileManager.default.contents(atPath: log), !data.isEmpty {
            let tail = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            text += "\n--- \(log) ---\n" + tail.suffix(lines + 1).joined(separator: "\n")
        }
        return text
    }
}
