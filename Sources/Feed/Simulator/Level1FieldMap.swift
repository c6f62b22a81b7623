/// Rewrites recorded Level 1 `Q`/`P` lines for a client that selected a different field list than the recording
/// used: each selected field takes the recorded value of the same name, or stays empty.
struct Level1FieldMap: Sendable {
    /// For each selected field, the index of the recorded field with that name (nil: not recorded).
    private let sources: [Int?]

    /// A map from `recorded` to `selected`; nil when they are the same list, so lines pass unchanged.
    init?(recorded: [String], selected: [String]) {
        guard recorded != selected else { return nil }
        let positions = Dictionary(recorded.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        sources = selected.map { positions[$0] }
    }

    /// `line` with its values in the selected order, or unchanged when it is not a `Q`/`P` line.
    func rewrite(_ line: String) -> String {
        guard line.hasPrefix("Q,") || line.hasPrefix("P,") else { return line }
        let values = line.split(separator: ",", omittingEmptySubsequences: false).dropFirst()
        var result = String(line.prefix(2))
        for (position, source) in sources.enumerated() {
            if position > 0 { result += "," }
            if let source, source < values.count { result += values[values.startIndex + source] }
        }
        return result + ","
    }
}
