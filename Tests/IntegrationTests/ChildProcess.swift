import Foundation

/// A child process for end-to-end tests: the built `harness` binary or a peer tool such as `kcat`.
final class ChildProcess {
    let process = Process()
    private let stdoutPipe = Pipe()
    private let stderrPipe = Pipe()
    private var buffered = Data()

    /// The `harness` executable next to the test bundle in SwiftPM's build folder.
    static var harnessBinary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("harness")
    }

    init(_ executable: URL, _ arguments: [String], stdin: Data? = nil) throws {
        process.executableURL = executable
        process.arguments = arguments
        process.standardOutput = stdoutPipe
        process.standardError = stderrPipe
        if let stdin {
            let input = Pipe()
            process.standardInput = input
            try process.run()
            input.fileHandleForWriting.write(stdin)
            try input.fileHandleForWriting.close()
        } else {
            process.standardInput = FileHandle.nullDevice
            try process.run()
        }
    }

    /// Reads stdout until a line starting with `prefix` arrives (blocking on the pipe) and returns that line.
    func readLine(startingWith prefix: String) -> String? {
        while true {
            if let text = String(data: buffered, encoding: .utf8),
                let line = text.split(separator: "\n").first(where: { $0.hasPrefix(prefix) })
            {
                return String(line)
            }
            let chunk = stdoutPipe.fileHandleForReading.availableData
            guard !chunk.isEmpty else { return nil }
            buffered.append(chunk)
        }
    }

    /// Waits for exit and returns the status with everything written to stdout and stderr.
    func finish() -> (status: Int32, stdout: String, stderr: String) {
        let out = stdoutPipe.fileHandleForReading.readDataToEndOfFile()
        let err = stderrPipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (
            process.terminationStatus,
            String(decoding: buffered + out, as: UTF8.self),
            String(decoding: err, as: UTF8.self)
        )
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
