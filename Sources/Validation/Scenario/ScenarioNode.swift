import Yams

/// A YAML node of a scenario file with the file name and key path, so every error says where it is.
struct ScenarioNode {
    let node: Node
    let file: String
    /// The key path to this node, e.g. `pipeline.kafka.brokers`.
    let path: String

    func error(_ message: String) -> ScenarioError {
        ScenarioError(
            file: file,
            line: node.mark?.line,
            column: node.mark?.column,
            message: path.isEmpty ? message : "\(path): \(message)"
        )
    }

    /// The mapping's entries, refusing keys not in `allowed` (with the valid choices and a likely match).
    func mapping(allowed: [String]) throws(ScenarioError) -> [String: ScenarioNode] {
        guard let mapping = node.mapping else {
            throw error("expected a mapping of keys (\(allowed.joined(separator: ", ")))")
        }
        var entries: [String: ScenarioNode] = [:]
        for (key, value) in mapping {
            let name = key.string ?? ""
            let child = ScenarioNode(node: value, file: file, path: path.isEmpty ? name : "\(path).\(name)")
            guard allowed.contains(name) else {
                let at = ScenarioNode(node: key, file: file, path: path)
                throw at.error("unknown key '\(name)'; \(ScenarioError.choices(allowed, for: name))")
            }
            entries[name] = child
        }
        return entries
    }

    func sequence() throws(ScenarioError) -> [ScenarioNode] {
        guard let sequence = node.sequence else { throw error("expected a list") }
        return sequence.enumerated().map { ScenarioNode(node: $1, file: file, path: "\(path)[\($0)]") }
    }

    func string() throws(ScenarioError) -> String {
        guard case .scalar(let scalar) = node else { throw error("expected a value, found a \(shape)") }
        return scalar.string
    }

    func integer(in range: ClosedRange<Int>) throws(ScenarioError) -> Int {
        let text = try string()
        guard let value = Int(text), range.contains(value) else {
            throw error("expected a whole number from \(range.lowerBound) to \(range.upperBound), found '\(text)'")
        }
        return value
    }

    func number() throws(ScenarioError) -> Double {
        let text = try string()
        guard let value = Double(text), value.isFinite else { throw error("expected a number, found '\(text)'") }
        return value
    }

    func duration() throws(ScenarioError) -> Duration {
        let text = try string()
        guard let value = ScenarioDuration.parse(text) else {
            throw error("expected a duration such as 250ms, 2s or 1m, found '\(text)'")
        }
        return value
    }

    /// One of `choices` (raw values of `Choice`).
    func choice<Choice: RawRepresentable & CaseIterable>(_ type: Choice.Type) throws(ScenarioError) -> Choice
    where Choice.RawValue == String {
        let text = try string()
        guard let value = Choice(rawValue: text) else {
            throw error("unknown value '\(text)'; \(ScenarioError.choices(Choice.allCases.map(\.rawValue), for: text))")
        }
        return value
    }

    private var shape: String {
        switch node {
        case .mapping: "mapping"
        case .sequence: "list"
        case .scalar: "value"
        case .alias: "alias"
        }
    }
}
