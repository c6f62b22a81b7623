/// What `SyntheticCapture` generates: which symbols, how many events, from which seed, how fast.
///
/// The same configuration always gives the same lines, `recv_ns` values and ports, byte for byte.
public struct SyntheticCaptureConfiguration: Sendable, Hashable {
    /// The default symbols: eight liquid US tickers.
    public static let defaultSymbols = ["AAPL", "MSFT", "NVDA", "AMZN", "META", "TSLA", "SPY", "QQQ"]

    /// The symbols, each given a depth kind in rotation: see `depthKind(ofSymbolAt:)`.
    public var symbols: [String]
    /// How many events (lines) the capture holds, exactly.
    public var events: Int
    /// The seed of every random choice.
    public var seed: UInt64
    /// The average number of events per second of `recv_ns` time; default 20,000.
    public var eventsPerSecond: Double
    /// Price levels per side of a market-by-price or market-by-order book (about that many; the book breathes), and
    /// participants in a market-maker book (at least 2, at most 16); default 10.
    public var depthLevels: Int
    /// The trading day, `YYYY-MM-DD`; `recv_ns` 0 is 09:30:00 US/Eastern on it. Default 2025-06-02.
    public var date: String
    /// On average one `S,CLEAR DEPTH` (both sides of one symbol, then a new snapshot of its book) per this many
    /// events; 0 for none. Default 250,000.
    public var clearDepthInterval: Int

    /// A configuration; every parameter but `events` has a default.
    public init(
        symbols: [String] = defaultSymbols,
        events: Int,
        seed: UInt64 = 1,
        eventsPerSecond: Double = 20_000,
        depthLevels: Int = 10,
        date: String = "2025-06-02",
        clearDepthInterval: Int = 250_000
    ) {
        self.symbols = symbols
        self.events = events
        self.seed = seed
        self.eventsPerSecond = eventsPerSecond
        self.depthLevels = depthLevels
        self.date = date
        self.clearDepthInterval = clearDepthInterval
    }

    /// The depth kind of the symbol at `index` in `symbols`: market by price, market by order and market maker in
    /// turn, starting with market by price.
    public func depthKind(ofSymbolAt index: Int) -> SyntheticDepthKind {
        SyntheticDepthKind.allCases[index % SyntheticDepthKind.allCases.count]
    }

    /// The depth kind of `symbol`, or `nil` if it is not among `symbols`.
    public func depthKind(of symbol: String) -> SyntheticDepthKind? {
        symbols.firstIndex(of: symbol).map(depthKind(ofSymbolAt:))
    }

    /// The longest span of `recv_ns` time a configuration may ask for on average: 10 years, so that even an unlucky
    /// run stays far inside `Int64` nanoseconds.
    static let maximumSeconds = 10 * 365.25 * 86_400.0

    /// Checks that the configuration can be generated.
    ///
    /// - Throws: `SyntheticCaptureError` naming the first bad value and what to give instead.
    public func validate() throws {
        guard !symbols.isEmpty else {
            throw SyntheticCaptureError("no symbols; give at least one, e.g. AAPL")
        }
        if let bad = symbols.first(where: { $0.isEmpty || $0.contains { $0 == "," || !$0.isASCII || $0.isWhitespace } })
        {
            throw SyntheticCaptureError(
                "'\(bad)' is not a symbol: use ASCII without commas or spaces, e.g. AAPL or @ESU25"
            )
        }
        var seen = Set<String>()
        if let repeated = symbols.first(where: { !seen.insert($0).inserted }) {
            throw SyntheticCaptureError("symbol \(repeated) is given twice; give each symbol once")
        }
        guard events > 0 else {
            throw SyntheticCaptureError("the number of events must be positive, got \(events)")
        }
        guard eventsPerSecond.isFinite, eventsPerSecond > 0 else {
            throw SyntheticCaptureError(
                "the rate must be a positive number of events per second, got \(eventsPerSecond)"
            )
        }
        guard Double(events) / eventsPerSecond <= Self.maximumSeconds else {
            throw SyntheticCaptureError(
                "\(events) events at \(eventsPerSecond) events/s would span more than 10 years; raise the rate"
            )
        }
        guard (1...100).contains(depthLevels) else {
            throw SyntheticCaptureError("depth levels must be between 1 and 100, got \(depthLevels)")
        }
        guard EasternTime.midnightUnixNanoseconds(of: date) != nil else {
            throw SyntheticCaptureError("date '\(date)' is not a date in YYYY-MM-DD form")
        }
        guard clearDepthInterval >= 0 else {
            throw SyntheticCaptureError(
                "the clear-depth interval must be 0 (none) or a positive number of events, got \(clearDepthInterval)"
            )
        }
    }
}
