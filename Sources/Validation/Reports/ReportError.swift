/// A report that could not be written: which file and why.
public struct ReportError: Error, Sendable, CustomStringConvertible {
    /// The report's path.
    public let path: String
    public let reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// `report reports/x/report.json: cannot write it (...)`.
    public var description: String { "report \(path): \(reason)" }
}
