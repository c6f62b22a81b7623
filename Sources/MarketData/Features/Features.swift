/// What the pipeline computes for a symbol after each event (DESIGN.md, "Processing and storage").
///
/// Book-derived values are `nil` while a side they need is empty; trade-derived ones while no trade has been seen.
/// Prices stay exact; derived values (mid, spread, microprice, imbalance, VWAP, volatility) are `Double`.
public struct Features: Sendable, Hashable {
    /// Best bid price and size.
    public var bestBid: PriceLevelBook.Level?
    /// Best ask price and size.
    public var bestAsk: PriceLevelBook.Level?
    /// `(bid + ask) / 2`.
    public var mid: Double?
    /// `ask − bid`.
    public var spread: Double?
    /// The size-weighted mid: `(bid × askSize + ask × bidSize) / (bidSize + askSize)`, which leans towards the side
    /// with less size (the price more likely to trade next).
    public var microprice: Double?
    /// `(Σ bid sizes − Σ ask sizes) / (Σ bid sizes + Σ ask sizes)` over the top ``FeatureCalculator/imbalanceDepth``
    /// levels of each side, in −1…1; `nil` when both sides are empty.
    public var imbalance: Double?
    /// The last trade's price.
    public var lastTradePrice: Price?
    /// The last trade's size.
    public var lastTradeSize: Int?
    /// `Σ price × size / Σ size` over the session's trades.
    public var vwap: Double?
    /// Trades seen this session.
    public var tradeCount = 0
    /// `√(Σ r²)` over the last ``FeatureCalculator/volatilityWindow`` log returns of the mid (each change of the mid
    /// is one return); not annualised. `nil` before the first return.
    public var realizedVolatility: Double?

    /// Features of nothing yet.
    public init() {}
}
