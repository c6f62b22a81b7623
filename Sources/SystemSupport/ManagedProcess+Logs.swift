import Foundation

extension ManagedProcess {
    /// The last `lines` lines of the child's standard output and standard error logs, each headed by
    /// its file name, for error messages; empty logs are left out.
    ///
    /// - Parameter lines: how many lines of each log to include; defaults to 20.
    public func logTail(lines: Int = 20) -> String {
        var sections: [String] = []
        for url in [standardOutputURL, standardErrorURL] {
            guard let data = FileManager.default.contents(atPath: url.path), !data.isEmpty else {
                continue
            }
            let text = String(decoding: data, as: UTF8.self)
            let tail = text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines + 1)
            sections.append("--- \(url.path) ---\n" + tail.joined(separator: "\n"))
        }
        return sections.isEmpty ? "(\(name) wrote nothing to its logs)" : sections.joined(separator: "\n")
    }
}
