import Pipeline

/// A check's verdict with the evidence a person needs to act on it.
public struct CheckResult: Sendable, Hashable {
    public var kind: CheckKind
    public var passed: Bool
    /// One line: what was found, with the numbers.
    public var summary: String
    /// The witnesses and breakdowns behind the summary, one per line.
    public var evidence: [String]

    public init(kind: CheckKind, passed: Bool, summary: String, evidence: [String]) {
        self.kind = kind
        self.passed = passed
        self.summary = summary
        self.evidence = evidence
    }
}

extension AuditReport.Witness {
    /// `seq 42 AAPL trace 0123…: last seen at kafka: acknowledged at …`.
    var line: String {
        "seq \(seq) \(symbol.isEmpty ? "(no symbol)" : symbol) trace \(traceID): last seen at \(lastStage): \(detail)"
    }
}
