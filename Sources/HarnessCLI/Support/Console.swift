import Foundation

/// Writes whole lines straight to stdout/stderr (no stdio buffering), so a pipe sees them at once.
enum Console {
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Writes `text` to stderr as it is, without a newline (progress lines).
    static func errorFragment(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
