#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A status line on stderr that rewrites itself in place on a terminal, and stays silent otherwise (a log or a pipe
/// gets only the final summary, not hundreds of progress lines).
struct ProgressLine {
    /// True when stderr is a terminal.
    let isEnabled = isatty(STDERR_FILENO) == 1
    private var lastLength = 0

    /// Replaces the line with `text`.
    mutating func update(_ text: String) {
        guard isEnabled else { return }
        let padding = String(repeating: " ", count: max(0, lastLength - text.count))
        lastLength = text.count
        Console.errorFragment("\r" + text + padding)
    }

    /// Ends the line so the next output starts on a fresh one.
    mutating func finish() {
        guard isEnabled, lastLength > 0 else { return }
        Console.errorFragment("\n")
        lastLength = 0
    }
}
