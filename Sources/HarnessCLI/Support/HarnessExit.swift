import ArgumentParser
import Capture
import Foundation
import Pipeline

/// The process exit codes of every `harness` command (DESIGN.md, "Checks, exit codes, reports").
public enum HarnessExitCode: Int32, Sendable {
    /// Everything passed.
    case success = 0
    /// A check or threshold failed.
    case checkFailed = 1
    /// The command line or a configuration file is wrong.
    case usage = 2
    /// A server or library the run needs is unavailable.
    case infrastructure = 3
    /// Stopped by a signal before finishing.
    case interrupted = 4
}

/// Maps errors to messages and ``HarnessExitCode``s, and exits.
enum HarnessExit {
    static func exit(for error: Error) -> Never {
        let parserCode = Harness.exitCode(for: error)
        let message = Harness.fullMessage(for: error)
        if parserCode == .success {
            Console.out(message)
            Foundation.exit(HarnessExitCode.success.rawValue)
        }
        if let explicit = error as? ExitCode {
            Foundation.exit(explicit.rawValue)
        }
        if let error = error as? PipelineError {
            Console.error("harness: \(error.message)")
            Foundation.exit(
                error.kind == .input ? HarnessExitCode.usage.rawValue : HarnessExitCode.infrastructure.rawValue
            )
        }
        // A failed check or threshold is a verdict that commands report with `ExitCode(1)`; any other error means
        // the run could not be carried out.
        let code: HarnessExitCode = parserCode == .validationFailure || isBadInput(error) ? .usage : .infrastructure
        Console.error("harness: \(message)")
        Foundation.exit(code.rawValue)
    }

    /// Errors in what the user gave (a missing, foreign, newer or damaged capture file) rather than in the machine.
    private static func isBadInput(_ error: Error) -> Bool {
        if error is BadInput { return true }
        guard let error = error as? CaptureError else { return false }
        switch error.kind {
        case .fileNotFound, .alreadyExists, .notACapture, .newerFormat, .damaged, .outOfOrder, .invalidInput:
            return true
        case .finished, .storage:
            return false
        }
    }
}

/// Input the user gave that the run showed to be wrong (exit 2), with a sentence naming it and what to do.
struct BadInput: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
