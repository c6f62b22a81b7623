import SystemSupport

/// Runs a synthetic capture: every symbol's snapshot first, as after the watches start, then market events of
/// randomly interleaved symbols (busier symbols more often) until the capture holds the requested events.
struct SyntheticGenerator {
    private var random: SplitMix64
    private var symbols: [SyntheticSymbol]
    /// Running totals of the symbols' activity weights (1 to 4 each), to pick a symbol in proportion to its weight.
    private let cumulativeWeights: [Int]
    private let clearDepthInterval: Int
    private var nextClearDepth: Int

    /// A generator for `configuration`, which must be valid.
    init(_ configuration: SyntheticCaptureConfiguration) {
        random = SplitMix64(seed: configuration.seed)
        var symbols: [SyntheticSymbol] = []
        var cumulativeWeights: [Int] = []
        for (index, symbol) in configuration.symbols.enumerated() {
            symbols.append(
                SyntheticSymbol(
                    symbol: symbol,
                    index: index,
                    kind: configuration.depthKind(ofSymbolAt: index),
                    depthLevels: configuration.depthLevels,
                    random: &random
                )
            )
            cumulativeWeights.append((cumulativeWeights.last ?? 0) + random.number(in: 1...4))
        }
        self.symbols = symbols
        self.cumulativeWeights = cumulativeWeights
        clearDepthInterval = configuration.clearDepthInterval
        nextClearDepth = Self.clearDepth(after: 0, interval: clearDepthInterval, &random)
    }

    /// Writes events through `out` until it is done, calling `progress` with the events written about every
    /// `progressInterval` events.
    mutating func run(
        _ out: inout SyntheticEmitter,
        progressInterval: Int,
        progress: ((Int) -> Void)?
    ) throws {
        var nextProgress = progressInterval
        for index in symbols.indices where !out.isDone {
            try out.startAction()
            try symbols[index].writeSnapshot(&random, &out)
        }
        while !out.isDone {
            try out.startAction()
            let index = pickSymbol()
            if out.summary.events >= nextClearDepth {
                nextClearDepth = Self.clearDepth(after: out.summary.events, interval: clearDepthInterval, &random)
                try symbols[index].clearAndRebuild(&random, &out)
            } else {
                try symbols[index].step(&random, &out)
            }
            if let progress, out.summary.events >= nextProgress {
                progress(out.summary.events)
                nextProgress += progressInterval
            }
        }
    }

    /// A symbol, in proportion to its activity weight.
    private mutating func pickSymbol() -> Int {
        let draw = random.below(cumulativeWeights[cumulativeWeights.count - 1])
        var low = 0
        var high = cumulativeWeights.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulativeWeights[middle] > draw { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// The event count at which the next `S,CLEAR DEPTH` comes: half to one and a half intervals after `events`, so
    /// one per interval on average; never when the interval is 0.
    private static func clearDepth(after events: Int, interval: Int, _ random: inout SplitMix64) -> Int {
        guard interval > 0 else { return .max }
        return events + interval / 2 + random.below(interval + 1)
    }
}
