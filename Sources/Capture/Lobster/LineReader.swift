#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a text file one line at a time (constant memory), without the line ending.
struct LineReader: ~Copyable {
    private let file: UnsafeMutablePointer<FILE>
    private var buffer: UnsafeMutablePointer<CChar>?
    private var capacity = 0

    /// Opens `path`; the error names the file and the reason.
    init(path: String) throws(LobsterImportError) {
        guard let file = fopen(path, "r") else {
            throw LobsterImportError(path: path, line: nil, reason: "cannot open: \(String(cString: strerror(errno)))")
        }
        self.file = file
    }

    deinit {
        free(buffer)
        fclose(file)
    }

    /// The next line without `\n` or `\r\n`; nil at the end of the file.
    mutating func next() -> Substring? {
        let length = getline(&buffer, &capacity, file)
        guard length >= 0, let buffer else { return nil }
        var line = String(cString: buffer)[...]
        while let last = line.last, last.isNewline { line = line.dropLast() }
        return line
    }
}
