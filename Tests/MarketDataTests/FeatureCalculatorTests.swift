import MarketData
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite("Features per event")
struct FeatureCalculatorTests {
    private func price(_ text: String) -> Price { Price(text)! }

    @Test("book features: best bid and ask, mid, spread, microprice, top-5 imbalance")
    func bookFeatures() {
        var book = PriceLevelBook()
        book.set(.bid, price: price("10.00"), size: 100)
        book.set(.bid, price: price("9.99"), size: 200)
        book.set(.ask, price: price("10.02"), size: 300)
        var calculator = FeatureCalculator()
        let features = calculator.update(book: book)
        #expect(features.bestBid == .init(price: price("10.00"), size: 100))
        #expect(features.bestAsk == .init(price: price("10.02"), size: 300))
        #expect(features.mid == 10.01)
        #expect(abs(features.spread! - 0.02) < 1e-12)
        #expect(abs(features.microprice! - 10.005) < 1e-12, "(10.00 × 300 + 10.02 × 100) / 400")
        #expect(features.imbalance == 0.0, "(300 − 300) / 600")

        book.clear(.ask)
        let oneSided = calculator.update(book: book)
        #expect(oneSided.mid == nil && oneSided.spread == nil && oneSided.microprice == nil)
        #expect(oneSided.imbalance == 1.0)
    }

    @Test("imbalance counts only the top 5 levels of each side")
    func imbalanceDepth() {
        var book = PriceLevelBook()
        for level in 0..<7 { book.set(.bid, price: Price(mantissa: Int64(100 - level), decimals: 0), size: 10) }
        book.set(.ask, price: Price(mantissa: 101, decimals: 0), size: 30)
        var calculator = FeatureCalculator()
        let features = calculator.update(book: book)
        #expect(features.imbalance == 0.25, "(50 − 30) / 80")
    }

    @Test("trades: last price and size, session VWAP, count; lines without a trade are ignored")
    func trades() {
        var calculator = FeatureCalculator()
        let fields = Level1FieldList.default
        func line(_ price: String, _ size: String, _ contents: String) -> Level1Update {
            Level1Update(
                kind: .update,
                fieldList: fields,
                values: [
                    "AAPL", price, size, "09:30:00.000001", "11", "", "", "", "", "", "", "", "", "", contents, "",
                ]
            )!
        }
        let first = calculator.record(line("10.00", "100", "C"))
        let quoteOnly = calculator.record(line("10.50", "100", "ba"))
        let second = calculator.record(line("11.00", "300", "Cv"))
        #expect(first && second)
        #expect(!quoteOnly, "a quote update, not a trade")
        let features = calculator.current
        #expect(features.tradeCount == 2)
        #expect(features.lastTradePrice == price("11.00") && features.lastTradeSize == 300)
        #expect(features.vwap == 10.75, "(10 × 100 + 11 × 300) / 400")
    }

    @Test("realized volatility is the root of the summed squared log returns of the mid, over a rolling window")
    func volatility() {
        var calculator = FeatureCalculator(volatilityWindow: 2)
        var book = PriceLevelBook()
        func quote(_ bid: Int64, _ ask: Int64) -> Features {
            book.clear(.bid)
            book.clear(.ask)
            book.set(.bid, price: Price(mantissa: bid, decimals: 0), size: 1)
            book.set(.ask, price: Price(mantissa: ask, decimals: 0), size: 1)
            return calculator.update(book: book)
        }
        let volatilities = [quote(99, 101), quote(100, 102), quote(100, 102), quote(99, 101), quote(101, 103)]
            .map(\.realizedVolatility)
        let first = log(101.0 / 100.0)
        let second = log(100.0 / 101.0)
        let third = log(102.0 / 100.0)
        #expect(volatilities[0] == nil, "mid 100: no return yet")
        #expect(abs(volatilities[1]! - abs(first)) < 1e-12, "mid 101")
        #expect(abs(volatilities[2]! - abs(first)) < 1e-12, "an unchanged mid adds no return")
        #expect(abs(volatilities[3]! - (first * first + second * second).squareRoot()) < 1e-12, "mid 100")
        #expect(
            abs(volatilities[4]! - (second * second + third * third).squareRoot()) < 1e-12,
            "mid 102: the window keeps the last 2 returns"
        )
    }
}
