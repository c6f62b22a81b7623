import MarketData

/// The features as a sink stores them: prices as `Double`, absent values as `nil`. Two runs agree on an event
/// when these are equal.
public struct StoredFeatures: Sendable, Hashable, Codable {
    public var bid: Double?
    public var bidSize: Int?
    public var ask: Double?
    public var askSize: Int?
    public var mid: Double?
    public var spread: Double?
    public var microprice: Double?
    public var imbalance: Double?
    public var lastPrice: Double?
    public var lastSize: Int?
    public var vwap: Double?
    public var tradeCount: Int
    public var volatility: Double?

    /// The stored form of `features`.
    public init(_ features: Features) {
        bid = features.bestBid?.price.doubleValue
        bidSize = features.bestBid?.size
        ask = features.bestAsk?.price.doubleValue
        askSize = features.bestAsk?.size
        mid = features.mid
        spread = features.spread
        microprice = features.microprice
        imbalance = features.imbalance
        lastPrice = features.lastTradePrice?.doubleValue
        lastSize = features.lastTradeSize
        vwap = features.vwap
        tradeCount = features.tradeCount
        volatility = features.realizedVolatility
    }

    public init(
        bid: Double?,
        bidSize: Int?,
        ask: Double?,
        askSize: Int?,
        mid: Double?,
        spread: Double?,
        microprice: Double?,
        imbalance: Double?,
        lastPrice: Double?,
        lastSize: Int?,
        vwap: Double?,
        tradeCount: Int,
        volatility: Double?
    ) {
        self.bid = bid
        self.bidSize = bidSize
        self.ask = ask
        self.askSize = askSize
        self.mid = mid
        self.spread = spread
        self.microprice = microprice
        self.imbalance = imbalance
        self.lastPrice = lastPrice
        self.lastSize = lastSize
        self.vwap = vwap
        self.tradeCount = tradeCount
        self.volatility = volatility
    }
}

extension StoredFeatures {
    /// Whether `other` holds the same values: sizes and counts exactly, prices and derived values to 1e-12
    /// relative (a sink may round a `Double`'s last bit on its way through text, as ClickHouse 18.16's parser does).
    public func agrees(with other: StoredFeatures) -> Bool {
        func same(_ left: Double?, _ right: Double?) -> Bool {
            switch (left, right) {
            case (nil, nil): return true
            case (let left?, let right?):
                return left == right || abs(left - right) <= 1e-12 * max(abs(left), abs(right))
            default: return false
            }
        }
        return bidSize == other.bidSize && askSize == other.askSize && lastSize == other.lastSize
            && tradeCount == other.tradeCount && same(bid, other.bid) && same(ask, other.ask) && same(mid, other.mid)
            && same(spread, other.spread) && same(microprice, other.microprice) && same(imbalance, other.imbalance)
            && same(lastPrice, other.lastPrice) && same(vwap, other.vwap) && same(volatility, other.volatility)
    }
}

/// One row a sink holds for an event (or a bad line), as the audit reads it back.
public struct StoredRow: Sendable, Hashable {
    public var seq: Int64
    /// Whether the row is a bad line (stored apart, without features).
    public var isBadLine: Bool
    public var receivedNs: Int64
    public var consumedNs: Int64
    public var processedNs: Int64
    /// The batch's stored stamp; `nil` if the batch record is missing (the processor died between the two).
    public var storedNs: Int64?
    public var position: KafkaPosition
    /// `nil` for bad lines.
    public var features: StoredFeatures?

    public init(
        seq: Int64,
        isBadLine: Bool,
        receivedNs: Int64,
        consumedNs: Int64,
        processedNs: Int64,
        storedNs: Int64?,
        position: KafkaPosition,
        features: StoredFeatures?
    ) {
        self.seq = seq
        self.isBadLine = isBadLine
        self.receivedNs = receivedNs
        self.consumedNs = consumedNs
        self.processedNs = processedNs
        self.storedNs = storedNs
        self.position = position
        self.features = features
    }
}

/// Reads back what a sink stored, for the audit: per symbol, in `seq` order, a page at a time so memory stays
/// flat whatever the run's size.
public protocol StoredEventReader {
    /// Every symbol with stored rows (the empty string for lines about no symbol).
    func storedSymbols() throws(SinkError) -> [String]
    /// Up to `limit` rows of `symbol` with `seq` above `afterSeq`, in `seq` order. A sink that has not merged
    /// duplicates yet (ClickHouse) returns each copy.
    func storedRows(of symbol: String, afterSeq: Int64, limit: Int) throws(SinkError) -> [StoredRow]
    /// Rows the sink's idempotence absorbed at write time (re-deliveries), over all processors.
    func duplicatesAbsorbed() throws(SinkError) -> Int64
    /// Book snapshots stored, by reason (`periodic`, `final`).
    func snapshotCounts() throws(SinkError) -> [String: Int64]
}
