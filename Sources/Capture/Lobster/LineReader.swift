#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a text file one line at a time (constant memory), without the line ending.
struct LineReader: ~Copyable {
    private let file: UnsafeMutablePointer<FILE>
    private let path: String
    private var buffer: UnsafeMutablePointer<CChar>?
    private var capacity = 0

    /// Opens `path`; the error names the file and the reason.
    init(path: String) throws(LobsterImportError) {
        guard let file = fopen(path, "r") else {
            throw LobsterImportError(path: path, line: nil, reason: "cannot open: \(String(cString: strerror(errno)))")
        }
        self.file = file
        self.path = path
    }

    deinit {
        free(buffer)
        fclose(file)
    }

    /// The next line without `\n` or `\r\n`; nil at the end of the file.
    ///
    /// - Throws: ``LobsterImportError`` when reading fails before the end (an I/O error is never taken for the end).
    mutating func next() throws(LobsterImportError) -> Substring? {
        let length = getline(&buffer, &capacity, file)
        guard length >= 0, let buffer else {
            if ferror(file) != 0 {
                throw LobsterImportError(
                    path: path,
                    line: nil,
                    reason: "read failed: \(String(cString: strerror(errno)))"
                )
            }
            return nil
        }
        var line = String(decoding: UnsafeRawBufferPointer(start: buffer, count: length), as: UTF8.self)[...]
        while let last = line.last, last.isNewline { line = line.dropLast() }
        return line
    }
}
