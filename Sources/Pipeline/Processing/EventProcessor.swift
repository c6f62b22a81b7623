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
        /// A line of a symbol, applied; the symbol's features after it, and how many lines of the symbol have been
        /// applied so far.
        case applied(Features, eventCount: Int)
        /// A well-formed line about no symbol (`T`, `S`, `E`...): nothing to apply.
        case noSymbol
        /// A line with `seq` at or below its symbol's last: already applied once, not applied again.
        case replayed
        /// A line the codec could not read, with the reason.
        case bad(String)
    }

    private var parser: FeedParser
    private let volatilityWindow: Int
    /// Where each symbol's state is in `states`.
    private var indexBySymbol: [String: Int] = [:]
    /// Symbol states, changed in place (an array element is, a dictionary value read through an index is copied).
    private var states: [SymbolState] = []
    /// The symbol of each state.
    private var names: [String] = []

    /// A processor whose Level 1 lines follow `level1Fields` (the capture's or the live client's list).
    public init(level1Fields: Level1FieldList = .default, volatilityWindow: Int = 100) {
        parser = FeedParser(level1Fields: level1Fields)
        self.volatilityWindow = volatilityWindow
    }

    /// Parses `line` from `port` and applies it to `symbol`'s state (the message key; empty for none). One hash
    /// lookup per line; the state is changed in place.
    public mutating func process(
        line: UnsafeRawBufferPointer,
        port: FeedPort,
        seq: Int64,
        symbol: String
    ) -> Outcome {
        let known = symbol.isEmpty ? nil : indexBySymbol[symbol]
        if let known, seq <= states[known].lastSeq {
            return .replayed
        }
        let message = parser.parse(line, port: port)
        if case .bad(let bad) = message {
            return .bad(bad.reason)
        }
        guard !symbol.isEmpty else { return .noSymbol }
        let index = known ?? startFresh(symbol)
        let features = states[index].apply(message, seq: seq)
        return .applied(features, eventCount: states[index].eventCount)
    }

    /// Gives `symbol` a state with nothing applied, replacing any, and returns its index; a rebuild then applies
    /// what the sink stored for it.
    @discardableResult
    public mutating func startFresh(_ symbol: String) -> Int {
        let fresh = SymbolState(volatilityWindow: volatilityWindow)
        if let index = indexBySymbol[symbol] {
            states[index] = fresh
            return index
        }
        indexBySymbol[symbol] = states.count
        states.append(fresh)
        names.append(symbol)
        return states.count - 1
    }

    /// Forgets `symbol`'s state (a rebuild that could not finish).
    public mutating func forget(_ symbol: String) {
        guard let index = indexBySymbol[symbol] else { return }
        let last = states.count - 1
        if index != last {
            states.swapAt(index, last)
            names.swapAt(index, last)
            indexBySymbol[names[index]] = index
        }
        states.removeLast()
        names.removeLast()
        indexBySymbol[symbol] = nil
    }

    /// `symbol`'s state, if this processor has one.
    public func state(of symbol: String) -> SymbolState? {
        indexBySymbol[symbol].map { states[$0] }
    }

    /// Every symbol with state here, with its state, in the order first seen.
    public var symbolStates: [(symbol: String, state: SymbolState)] {
        Array(zip(names, states))
    }

    /// Forgets every symbol: after a rebalance another processor may have moved them on.
    public mutating func forgetAll() {
        indexBySymbol.removeAll(keepingCapacity: true)
        states.removeAll(keepingCapacity: true)
        names.removeAll(keepingCapacity: true)
    }

    /// Whether `symbol` has state in this processor.
    public func knows(_ symbol: String) -> Bool {
        indexBySymbol[symbol] != nil
    }
}
