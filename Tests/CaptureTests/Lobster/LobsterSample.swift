import Foundation

/// The committed LOBSTER sample (`fixtures/lobster/`): AAPL on 2012-06-21, the first 500 events, 10 levels.
enum LobsterSample {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fixtures/lobster")
    static let messages = folder.appendingPathComponent("AAPL_2012-06-21_34200000_57600000_message_10.head500.csv").path
    static let orderBook = folder.appendingPathComponent("AAPL_2012-06-21_34200000_57600000_orderbook_10.head500.csv")
        .path

    /// The message types, one per row (1 new, 2 partial cancel, 3 delete, 4 visible execution, 5 hidden execution).
    static func messageTypes() throws -> [Int] {
        try String(contentsOfFile: messages, encoding: .utf8).split(separator: "\n").map {
            Int($0.split(separator: ",")[1])!
        }
    }

    /// The true book after each message: per row, up to 10 (price in 1/10,000 dollars, size) levels per side,
    /// best first.
    static func books() throws -> [(bids: [Level], asks: [Level])] {
        try String(contentsOfFile: orderBook, encoding: .utf8).split(separator: "\n").map { row in
            let numbers = row.split(separator: ",").map { Int64($0)! }
            var bids: [Level] = []
            var asks: [Level] = []
            for level in stride(from: 0, to: numbers.count, by: 4) {
                if numbers[level + 1] > 0 { asks.append(Level(price: numbers[level], size: Int(numbers[level + 1]))) }
                if numbers[level + 3] > 0 {
                    bids.append(Level(price: numbers[level + 2], size: Int(numbers[level + 3])))
                }
            }
            return (bids, asks)
        }
    }

    struct Level: Equatable {
        var price: Int64
        var size: Int
    }
}
