/// What a scenario verifies after its run (issue 5, "Checks").
public enum CheckKind: String, Sendable, Hashable, CaseIterable, Codable {
    case noLoss = "no_loss"
    case noDuplicates = "no_duplicates"
    case perSymbolOrder = "per_symbol_order"
    case traceComplete = "trace_complete"
    case matchesReference = "matches_reference"
    case recovers = "recovers"
    case sourceGapsDetected = "source_gaps_detected"
}
