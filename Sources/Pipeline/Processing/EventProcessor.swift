import MarketData

/// Turns raw feed lines into processed events: parses each line once, routes it to its symbol's ``SymbolState``
/// and returns the symbol's features after it. Pure and single-threaded: each processor (each Kafka consumer)
/// owns one.
///
/// Lines of a symbol must come in `seq` order. A line whose `seq` is not above the symbol's last one is a
/// re-delivery (Kafka is at-least-once) and is not applied again: ``Outcome/replayed``.
public struct EventProcessor: Sendable {
    /// What one line became.
    public enum Outcome: Sendable {
        /// A line of a symbol, applied; the symbol's features after it.
        case applied(Features)
        /// A well-formed line about no symbol (`T`, `S`, `E`...): nothing to apply.
        case noSymbol
        /// A line with `seq` at or below its symbol's last: already applied once, not applied again.
        case replayed
        /// A line the codec could not read, with the reason.
        case bad(String)
    }

    private var parser: FeedParser
    private let volatilityWindow: Int
    /// Every symbol seen, by name.
    public private(set) var symbols: [String: SymbolState] = [:]

    /// A processor whose Level 1 lines follow `level1Fields` (the capture's or the live client's list).
    public init(level1Fields: Level1FieldList = .default, volatilityWindow: Int = 100) {
        parser = FeedParser(level1Fields: level1Fields)
        self.volatilityWindow = volatilityWindow
    }

    /// Parses `line` from `port` and applies it to `symbol`'s state (the message key; empty for none).
    public mutating func process(
        line: UnsafeRawBufferPointer,
        port: FeedPort,
        seq: Int64,
        symbol: String
    ) -> Outcome {
        if !symbol.isEmpty, let last = symbols[symbol]?.lastSeq, seq <= last {
            return .replayed
        }
        let message = parser.parse(line, port: port)
        if case .bad(let bad) = message {
            return .bad(bad.reason)
        }
        guard !symbol.isEmpty else { return .noSymbol }
        return .applied(
            symbols[symbol, default: SymbolState(volatilityWindow: volatilityWindow)].apply(message, seq: seq)
        )
    }

    /// Installs `state` for `symbol`, e.g. rebuilt from what the sink already stored.
    public mutating func restore(_ state: SymbolState, for symbol: String) {
        symbols[symbol] = state
    }

    /// Forgets every symbol: after a rebalance another processor may have moved them on.
    public mutating func forgetAll() {
        symbols.removeAll(keepingCapacity: true)
    }

    /// Whether `symbol` has state in this processor.
    public func knows(_ symbol: String) -> Bool {
        symbols[symbol] != nil
    }
}
