/// One row of a LOBSTER orderbook file: `ask price 1, ask size 1, bid price 1, bid size 1, ask price 2, ...`.
struct LobsterBookRow: Equatable {
    /// A level: dollars × 10,000 and shares.
    struct Level: Equatable {
        var price: Int64
        var size: Int
    }

    /// Ask levels, best first; empty levels (size 0, LOBSTER's dummy price 9999999999) left out.
    var asks: [Level]
    /// Bid levels, best first; empty levels (size 0, dummy price -9999999999) left out.
    var bids: [Level]

    init(row: Substring) throws(LobsterRowError) {
        let fields = row.split(separator: ",", omittingEmptySubsequences: false)
        guard fields.count >= 4, fields.count % 4 == 0 else {
            throw LobsterRowError(
                "expected 4 fields per level (ask price, ask size, bid price, bid size), found \(fields.count)"
            )
        }
        var numbers: [Int64] = []
        numbers.reserveCapacity(fields.count)
        for (index, field) in fields.enumerated() {
            guard let number = Int64(field) else {
                throw LobsterRowError("column \(index + 1) '\(field)' is not a number")
            }
            numbers.append(number)
        }
        asks = []
        bids = []
        for level in stride(from: 0, to: numbers.count, by: 4) {
            if numbers[level + 1] > 0 { asks.append(Level(price: numbers[level], size: Int(numbers[level + 1]))) }
            if numbers[level + 3] > 0 { bids.append(Level(price: numbers[level + 2], size: Int(numbers[level + 3]))) }
        }
    }
}
