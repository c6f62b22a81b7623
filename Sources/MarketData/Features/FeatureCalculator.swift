#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Keeps one symbol's running state (trades, VWAP sums, recent mid returns) and computes its ``Features``.
///
/// Pure and allocation-free per event once the return window is full: the pipeline calls ``update(book:)`` after
/// each book change and ``record(_:)`` for each Level 1 line.
public struct FeatureCalculator: Sendable {
    /// Levels per side counted in the imbalance.
    public static let imbalanceDepth = 5

    /// Log returns of the mid kept for the realized volatility.
    public let volatilityWindow: Int
    /// The features after the last event.
    public private(set) var current = Features()
    private var notional = 0.0
    private var volume = 0
    private var lastMid: Double?
    private var squaredReturns: [Double] = []
    private var nextReturn = 0
    private var sumOfSquares = 0.0

    /// A calculator whose volatility covers the last `volatilityWindow` mid changes (default 100; at least 1).
    public init(volatilityWindow: Int = 100) {
        self.volatilityWindow = max(1, volatilityWindow)
    }

    /// Recomputes the book-derived features from `book`, and the volatility if the mid moved.
    @discardableResult
    public mutating func update(book: PriceLevelBook) -> Features {
        let bid = book.bestBid
        let ask = book.bestAsk
        current.bestBid = bid
        current.bestAsk = ask
        if let bid, let ask {
            let bidPrice = bid.price.doubleValue
            let askPrice = ask.price.doubleValue
            let mid = (bidPrice + askPrice) / 2
            current.mid = mid
            current.spread = askPrice - bidPrice
            current.microprice =
                (bidPrice * Double(ask.size) + askPrice * Double(bid.size)) / Double(bid.size + ask.size)
            recordMid(mid)
        } else {
            current.mid = nil
            current.spread = nil
            current.microprice = nil
        }
        let bidSize = book.size(.bid, topLevels: Self.imbalanceDepth)
        let askSize = book.size(.ask, topLevels: Self.imbalanceDepth)
        current.imbalance = bidSize + askSize > 0 ? Double(bidSize - askSize) / Double(bidSize + askSize) : nil
        return current
    }

    /// Takes a trade from a Level 1 line whose Message Contents says it carries one (`C`, `E` or `O`) with a price
    /// and a size; returns whether it did.
    @discardableResult
    public mutating func record(_ update: Level1Update) -> Bool {
        guard update.contents.hasTrade, let price = update.lastPrice, let size = update.lastSize, size > 0 else {
            return false
        }
        trade(price: price, size: size)
        return true
    }

    /// Counts a trade of `size` at `price`.
    public mutating func trade(price: Price, size: Int) {
        current.lastTradePrice = price
        current.lastTradeSize = size
        current.tradeCount += 1
        notional += price.doubleValue * Double(size)
        volume += size
        current.vwap = notional / Double(volume)
    }

    /// Adds the log return from the previous mid, dropping the oldest once the window is full.
    private mutating func recordMid(_ mid: Double) {
        defer { lastMid = mid }
        guard let previous = lastMid, previous > 0, mid > 0, mid != previous else { return }
        let logReturn = log(mid / previous)
        let square = logReturn * logReturn
        if squaredReturns.count < volatilityWindow {
            squaredReturns.append(square)
        } else {
            sumOfSquares -= squaredReturns[nextReturn]
            squaredReturns[nextReturn] = square
            nextReturn = (nextReturn + 1) % volatilityWindow
        }
        sumOfSquares += square
        current.realizedVolatility = max(0, sumOfSquares).squareRoot()
    }
}
