import Foundation
import SystemSupport

/// A child process for end-to-end tests: the built `harness` binary or a peer tool such as `kcat`.
///
/// Both output pipes are drained as data arrives, so a chatty child never blocks on a full pipe, and reads wait
/// with a deadline, so a test fails instead of hanging. A child still running when this object is released is
/// killed.
final class ChildProcess: Sendable {
    private let process: Process
    private let captured = CapturedOutput()

    /// The `harness` executable next to the test bundle in SwiftPM's build folder.
    static var harnessBinary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("harness")
    }

    init(_ executable: URL, _ arguments: [String], stdin: Data? = nil) throws {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let stdoutPipe = Pipe()
        let stderrPipe = Pipe()
        process.standardOutput = stdoutPipe
        process.standardError = stderrPipe
        let input = Pipe()
        process.standardInput = stdin == nil ? FileHandle.nullDevice : input
        self.process = process
        for (pipe, isStdout) in [(stdoutPipe, true), (stderrPipe, false)] {
            pipe.fileHandleForReading.readabilityHandler = { [captured] handle in
                let chunk = handle.availableData
                if chunk.isEmpty { handle.readabilityHandler = nil }
                captured.append(chunk, toStdout: isStdout)
            }
        }
        try process.run()
        if let stdin {
            input.fileHandleForWriting.write(stdin)
            try input.fileHandleForWriting.close()
        }
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// Sends SIGKILL: the child gets no chance to clean up.
    func killNow() {
        kill(process.processIdentifier, SIGKILL)
    }

    /// Sends SIGINT, as Ctrl-C would.
    func interrupt() {
        process.interrupt()
    }

    /// Waits until stdout (or stderr) holds a line starting with `prefix` and returns it, or `nil` if the child
    /// closed its output or `deadline` passed first.
    func readLine(
        startingWith prefix: String,
        fromStderr: Bool = false,
        within deadline: Duration = .seconds(30)
    ) -> String? {
        var found: String?
        _ = captured.wait(within: deadline) { stdout, stderr, closed -> Bool? in
            let lines = String(decoding: fromStderr ? stderr : stdout, as: UTF8.self).split(separator: "\n")
            found = lines.first { $0.hasPrefix(prefix) }.map(String.init)
            return found != nil || closed ? true : nil
        }
        return found
    }

    /// Waits for exit and returns the status with everything written to stdout and stderr.
    func finish() -> (status: Int32, stdout: String, stderr: String) {
        process.waitUntilExit()
        let (stdout, stderr) =
            captured.wait(within: .seconds(10)) { stdout, stderr, closed in closed ? (stdout, stderr) : nil }
            ?? captured.snapshot
        return (
            process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self)
        )
    }

    /// Runs a command to completion on a thread of its own, so a test awaiting a long run does not hold one of
    /// Swift Testing's few cooperative threads.
    static func runDetached(
        _ executable: URL,
        _ arguments: [String]
    ) async throws -> (status: Int32, stdout: String, stderr: String) {
        try await awaitThread(named: "child-process") { try run(executable, arguments) }
    }

    /// Runs a command to completion.
    static func run(
        _ executable: URL,
        _ arguments: [String],
        stdin: Data? = nil
    ) throws
        -> (status: Int32, stdout: String, stderr: String)
    {
        try ChildProcess(executable, arguments, stdin: stdin).finish()
    }
}

/// What a child wrote, filled from its pipes' readability handlers and awaited with a condition.
private final class CapturedOutput: @unchecked Sendable {
    // `@unchecked Sendable`: every field is read and written with `condition` locked.
    private let condition = NSCondition()
    private var stdout = Data()
    private var stderr = Data()
    private var closedStreams = 0

    func append(_ chunk: Data, toStdout: Bool) {
        condition.lock()
        if chunk.isEmpty {
            closedStreams += 1
        } else if toStdout {
            stdout.append(chunk)
        } else {
            stderr.append(chunk)
        }
        condition.broadcast()
        condition.unlock()
    }

    /// Everything captured so far.
    var snapshot: (Data, Data) {
        condition.lock()
        defer { condition.unlock() }
        return (stdout, stderr)
    }

    /// Calls `check` with the output so far (and whether both streams are closed) each time it grows, until it
    /// returns a value or `deadline` passes.
    func wait<Result>(within deadline: Duration, _ check: (Data, Data, Bool) -> Result?) -> Result? {
        let end = Date(timeIntervalSinceNow: Double(deadline.components.seconds))
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let result = check(stdout, stderr, closedStreams == 2) { return result }
            guard condition.wait(until: end) else { return check(stdout, stderr, closedStreams == 2) }
        }
    }
}
