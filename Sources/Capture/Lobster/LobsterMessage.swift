/// One row of a LOBSTER message file: `time,type,order id,size,price,direction`.
struct LobsterMessage: Equatable {
    /// What happened to the order.
    enum Kind: Int {
        /// 1: a new limit order.
        case submission = 1
        /// 2: part of an order cancelled.
        case partialCancel = 2
        /// 3: an order deleted.
        case delete = 3
        /// 4: a visible order executed.
        case visibleExecution = 4
        /// 5: a hidden order executed.
        case hiddenExecution = 5
        /// 6: a cross trade (auction).
        case crossTrade = 6
        /// 7: a trading halt, resume or quote resume.
        case halt = 7
    }

    /// Nanoseconds after midnight (LOBSTER writes seconds with up to 9 decimals).
    var nanosecondsAfterMidnight: Int64
    var kind: Kind
    var orderID: Int64
    /// Shares.
    var size: Int
    /// Dollars × 10,000.
    var price: Int64
    /// The side of the order (for executions, of the resting order).
    var isBuy: Bool

    /// The largest price accepted: $100,000,000 a share, in LOBSTER's 1/10,000 dollars (beyond it a row is bad input,
    /// and exact prices stay far inside `Price`'s range).
    static let maximumPrice: Int64 = 1_000_000_000_000
    /// The largest size accepted, in shares.
    static let maximumSize = 1_000_000_000

    /// Parses one CSV row; the error names the column and the value.
    init(row: Substring) throws(LobsterRowError) {
        let fields = row.split(separator: ",", omittingEmptySubsequences: false)
        guard fields.count >= 6 else {
            throw LobsterRowError("expected 6 fields (time,type,order id,size,price,direction), found \(fields.count)")
        }
        nanosecondsAfterMidnight = try Self.time(fields[0])
        guard let code = plainInteger(fields[1]), let kind = Kind(rawValue: Int(code)) else {
            throw LobsterRowError("type '\(fields[1])' is not a LOBSTER event type (1-7)")
        }
        self.kind = kind
        guard let orderID = plainInteger(fields[2]) else {
            throw LobsterRowError("order id '\(fields[2])' is not a number")
        }
        self.orderID = orderID
        guard let size = plainInteger(fields[3]), size <= Self.maximumSize else {
            throw LobsterRowError("size '\(fields[3])' is not a share count (0 to \(Self.maximumSize))")
        }
        self.size = Int(size)
        guard let price = plainInteger(fields[4]), price <= Self.maximumPrice else {
            throw LobsterRowError("price '\(fields[4])' is not a price in 1/10,000 dollars (0 to \(Self.maximumPrice))")
        }
        self.price = price
        switch fields[5] {
        case "1": isBuy = true
        case "-1": isBuy = false
        default: throw LobsterRowError("direction '\(fields[5])' is neither 1 (buy) nor -1 (sell)")
        }
    }

    /// `34200.004241176` → 34,200,004,241,176 ns, exactly (no floating point).
    private static func time(_ text: Substring) throws(LobsterRowError) -> Int64 {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let seconds = plainInteger(parts[0]), seconds < 86_400 else {
            throw LobsterRowError("time '\(text)' is not seconds after midnight")
        }
        var nanoseconds: Int64 = 0
        if parts.count == 2 {
            let digits = parts[1]
            guard digits.count <= 9, let fraction = digits.isEmpty ? 0 : plainInteger(digits) else {
                throw LobsterRowError("time '\(text)' has more than 9 decimals or is not a number")
            }
            nanoseconds = fraction * Int64(pow10(9 - digits.count))
        }
        return seconds * 1_000_000_000 + nanoseconds
    }
}

/// A non-negative whole number written with digits only (no sign, no spaces), below 10¹⁸; nil otherwise.
func plainInteger(_ text: Substring) -> Int64? {
    guard !text.isEmpty, text.count <= 18, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
    return Int64(text)
}

/// 10^`exponent` for small exponents.
private func pow10(_ exponent: Int) -> Int {
    (0..<exponent).reduce(1) { result, _ in result * 10 }
}

/// What is wrong with one row; ``LobsterImport`` adds the file and line.
struct LobsterRowError: Error {
    let reason: String

    init(_ reason: String) {
        self.reason = reason
    }
}
