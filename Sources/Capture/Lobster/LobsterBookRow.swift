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
            let negative = field.hasPrefix("-")
            guard let magnitude = plainInteger(negative ? field.dropFirst() : field) else {
                throw LobsterRowError("column \(index + 1) '\(field)' is not a whole number")
            }
            numbers.append(negative ? -magnitude : magnitude)
        }
        asks = []
        bids = []
        for level in stride(from: 0, to: numbers.count, by: 4) {
            for (price, size, isAsk) in [
                (numbers[level], numbers[level + 1], true), (numbers[level + 2], numbers[level + 3], false),
            ]
            where size != 0 {
                guard size > 0, size <= LobsterMessage.maximumSize, (0...LobsterMessage.maximumPrice).contains(price)
                else {
                    throw LobsterRowError(
                        "level \(level / 4 + 1) \(isAsk ? "ask" : "bid") has price \(price) and size \(size); "
                            + "expected 0 to \(LobsterMessage.maximumPrice) and 1 to \(LobsterMessage.maximumSize)"
                    )
                }
                if isAsk {
                    asks.append(Level(price: price, size: Int(size)))
                } else {
                    bids.append(Level(price: price, size: Int(size)))
                }
            }
        }
    }
}
