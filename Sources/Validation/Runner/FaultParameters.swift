import Pipeline

/// A fault's parameters read by type, as the scenario parser checked them against ``FaultKind/parameters``.
struct FaultParameters {
    private let values: [String: FaultSpec.Value]

    init(_ values: [String: FaultSpec.Value]) {
        self.values = values
    }

    func integer(_ name: String) -> Int? {
        guard case .number(let value) = values[name], value.isFinite else { return nil }
        return Int(value)
    }

    func number(_ name: String) -> Double? {
        guard case .number(let value) = values[name] else { return nil }
        return value
    }

    func duration(_ name: String) -> Duration? {
        guard case .duration(let value) = values[name] else { return nil }
        return value
    }

    func text(_ name: String) -> String? {
        switch values[name] {
        case .text(let value): value
        case .number(let value): value.rounded() == value ? String(Int(value)) : String(value)
        default: nil
        }
    }
}
