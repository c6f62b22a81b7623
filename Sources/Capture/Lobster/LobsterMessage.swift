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

    /// Parses one CSV row; the error names the column and the value.
    init(row: Substring) throws(LobsterRowError) {
        let fields = row.split(separator: ",", omittingEmptySubsequences: false)
        guard fields.count >= 6 else {
            throw LobsterRowError("expected 6 fields (time,type,order id,size,price,direction), found \(fields.count)")
        }
        nanosecondsAfterMidnight = try Self.time(fields[0])
        guard let code = Int(fields[1]), let kind = Kind(rawValue: code) else {
            throw LobsterRowError("type '\(fields[1])' is not a LOBSTER event type (1-7)")
        }
        self.kind = kind
        guard let orderID = Int64(fields[2]) else { throw LobsterRowError("order id '\(fields[2])' is not a number") }
        self.orderID = orderID
        guard let size = Int(fields[3]), size >= 0 else {
            throw LobsterRowError("size '\(fields[3])' is not a share count")
        }
        self.size = size
        guard let price = Int64(fields[4]) else { throw LobsterRowError("price '\(fields[4])' is not a number") }
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
        guard let seconds = Int64(parts[0]), seconds >= 0, seconds < 86_400 else {
            throw LobsterRowError("time '\(text)' is not seconds after midnight")
        }
        var nanoseconds: Int64 = 0
        if parts.count == 2 {
            let digits = parts[1]
            guard digits.count <= 9, let fraction = Int64(digits.isEmpty ? "0" : digits) else {
                throw LobsterRowError("time '\(text)' has more than 9 decimals or is not a number")
            }
            nanoseconds = fraction * Int64(pow10(9 - digits.count))
        }
        return seconds * 1_000_000_000 + nanoseconds
    }
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
