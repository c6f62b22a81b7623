import MarketData
import SystemSupport

/// The random choices of the synthetic generator. Only integer arithmetic and exact `Double` operations, so the
/// same seed gives the same capture on every machine.
extension SplitMix64 {
    /// A number in `range`.
    mutating func number(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.count)
    }

    /// True `percent` times in 100.
    mutating func chance(_ percent: Int) -> Bool {
        below(100) < percent
    }

    /// A number in `0..<count` that is small more often than large (the smaller of two uniform draws): the top of a
    /// book sees most of the activity.
    mutating func towardTop(_ count: Int) -> Int {
        min(below(count), below(count))
    }

    /// A uniform number in `0..<1` from 53 random bits.
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// Bid or ask, even odds.
    mutating func side() -> BookSide {
        next() & 1 == 0 ? .bid : .ask
    }

    /// An order or trade size: mostly round lots of 100 to 1,000 shares, some of 1,100 to 5,000, a few odd lots.
    mutating func lotSize() -> Int {
        switch below(20) {
        case 0: number(in: 1...99)
        case 1, 2: 100 * number(in: 11...50)
        default: 100 * number(in: 1...10)
        }
    }
}
