import Foundation
import SystemSupport
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite("Process, port and directory helpers", .timeLimit(.minutes(1)))
struct SystemSupportTests {
    @Test("a missing binary is a typed error naming the binary and its Debian package")
    func missingBinary() throws {
        let directory = try TemporaryDirectory()
        defer { try? directory.remove() }

        let error = try #require(throws: SystemSupportError.self) {
            try ManagedProcess(
                executable: "harness-no-such-server",
                logDirectory: directory.url,
                debianPackage: "harness-server-pkg"
            )
        }
        #expect(error.kind == .executableNotFound)
        #expect(
            error.message
                == "harness-no-such-server not found on PATH; install it with `apt-get install -y harness-server-pkg`"
        )
    }

    @Test("LoopbackPort gives a port that can be bound on 127.0.0.1")
    func loopbackPortIsBindable() throws {
        let port = try LoopbackPort.free()
        #expect((1...65_535).contains(port))
        #expect((try? LoopbackSocket(port: port)) != nil)
    }

    @Test("a process's output goes to its log and its exit status is reported")
    func exitStatusAndLog() throws {
        let directory = try TemporaryDirectory()
        defer { try? directory.remove() }

        let process = try ManagedProcess(
            executable: "sh",
            arguments: ["-c", "echo hello from the child; exit 3"],
            logDirectory: directory.url
        )
        #expect(process.waitForExit() == .exited(3))
        #expect(!process.isRunning)
        #expect(process.logTail().contains("hello from the child"))
    }

    @Test("a child starts with no blocked signals and only standard input, output and error open")
    func cleanChildState() throws {
        let directory = try TemporaryDirectory()
        defer { try? directory.remove() }

        let process = try ManagedProcess(
            executable: "sh",
            arguments: ["-c", "ls /proc/$$/fd; exec grep SigBlk /proc/self/status"],
            logDirectory: directory.url
        )
        #expect(process.waitForExit() == .exited(0))
        let output = try String(contentsOf: process.standardOutputURL, encoding: .utf8)
        #expect(output == "0\n1\n2\nSigBlk:\t0000000000000000\n")
    }

    @Test("terminate sends SIGTERM and waits for the exit")
    func terminate() throws {
        let directory = try TemporaryDirectory()
        defer { try? directory.remove() }

        let process = try ManagedProcess(executable: "sleep", arguments: ["60"], logDirectory: directory.url)
        #expect(process.isRunning)
        #expect(process.terminate(grace: .seconds(30)) == .signalled(SIGTERM))
        #expect(!process.isRunning)
    }

    @Test("terminate sends SIGKILL to a process that ignores SIGTERM")
    func terminateEscalates() throws {
        let directory = try TemporaryDirectory()
        defer { try? directory.remove() }

        let process = try ManagedProcess(
            executable: "sh",
            arguments: ["-c", "trap '' TERM; echo ready; while :; do sleep 1; done"],
            logDirectory: directory.url
        )
        try waitUntil("the child has installed its SIGTERM trap") { process.logTail().contains("ready") }
        #expect(process.terminate(grace: .milliseconds(100)) == .signalled(SIGKILL))
    }

    @Test("kill sends SIGKILL and waits for the exit")
    func kill() throws {
        let directory = try TemporaryDirectory()
        defer { try? directory.remove() }

        let process = try ManagedProcess(executable: "sleep", arguments: ["60"], logDirectory: directory.url)
        #expect(process.kill() == .signalled(SIGKILL))
        #expect(!process.isRunning)
        #expect(process.waitForExit() == .signalled(SIGKILL))
    }

    @Test("a temporary directory exists until removed")
    func temporaryDirectory() throws {
        let directory = try TemporaryDirectory(prefix: "harness-test")
        #expect(FileManager.default.fileExists(atPath: directory.path))
        try directory.remove()
        #expect(!FileManager.default.fileExists(atPath: directory.path))
    }
}

/// Polls `condition` every 10 ms until it holds, failing after 10 seconds.
private func waitUntil(_ what: String, condition: () -> Bool) throws {
    let deadline = ContinuousClock.now + .seconds(10)
    while !condition() {
        guard ContinuousClock.now < deadline else {
            throw TimedOut(what: what)
        }
        Thread.sleep(forTimeInterval: 0.01)
    }
}

private struct TimedOut: Error, CustomStringConvertible {
    let what: String
    var description: String { "gave up after 10 seconds waiting until \(what)" }
}
