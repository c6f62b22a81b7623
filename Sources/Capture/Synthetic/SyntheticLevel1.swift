import MarketData
import SystemSupport

/// One symbol's Level 1 state: what every `Q` line repeats besides the quote: the last trade, the running volume,
/// the day's open, high and low, and the previous close. Kept as the text the line carries, made once per change.
struct SyntheticLevel1 {
    /// Market centers trades are reported from (IQFeed's numeric codes).
    private static let marketCenters = ["5", "11", "19", "25", "26", "30"]

    private let close: String
    private var lastPrice = ""
    private var lastSize = ""
    private var lastTime = ""
    private var marketCenter = ""
    private var conditions = ""
    private var volume = 0
    private var volumeText = "0"
    private var open = ""
    private var high: Int64 = .min
    private var highText = ""
    private var low: Int64 = .max
    private var lowText = ""

    /// Level 1 state before the first trade of the day, with yesterday's close at `close` ticks.
    init(close: Int64) {
        self.close = SyntheticSymbol.price(close).description
    }

    /// Records a trade of `size` at `price` ticks and returns its `Message Contents` flags: `C` for a round-lot trade
    /// or `O` for an odd lot, and `o`, `h`, `l` for a new open, high or low (the quote flags go between the two).
    mutating func trade(
        price: Int64,
        size: Int,
        time: String,
        random: inout SplitMix64
    ) -> (trade: String, extremes: String) {
        let priceText = SyntheticSymbol.price(price).description
        lastPrice = priceText
        lastSize = String(size)
        lastTime = time
        marketCenter = Self.marketCenters[random.below(Self.marketCenters.count)]
        conditions = "01"
        volume += size
        volumeText = String(volume)
        var extremes = ""
        if open.isEmpty {
            open = priceText
            extremes += "o"
        }
        if price > high {
            high = price
            highText = priceText
            extremes += "h"
        }
        if price < low {
            low = price
            lowText = priceText
            extremes += "l"
        }
        return (size < 100 ? "O" : "C", extremes)
    }

    /// The `Q` line for `symbol` with `top` as its quote and `contents` as its `Message Contents`, in the default
    /// field list.
    func update(symbol: String, top: SyntheticTop, contents: String) -> FeedMessage {
        let values = [
            symbol, lastPrice, lastSize, lastTime, marketCenter, volumeText, Self.text(top.bidPrice),
            top.bidPrice == nil ? "" : String(top.bidSize), Self.text(top.askPrice),
            top.askPrice == nil ? "" : String(top.askSize), open, highText, lowText, close, contents, conditions,
        ]
        guard let update = Level1Update(kind: .update, values: values) else {
            preconditionFailure("a Q line built from prices and sizes always parses: \(values)")
        }
        return .level1(update)
    }

    private static func text(_ ticks: Int64?) -> String {
        ticks.map { SyntheticSymbol.price($0).description } ?? ""
    }
}
