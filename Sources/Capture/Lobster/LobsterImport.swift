import Foundation
import MarketData

/// Turns a LOBSTER sample (real Nasdaq data: a message file and its orderbook file) into a capture of IQFeed lines.
///
/// - The first orderbook row is the book after message 0: it becomes the market-by-price snapshot, one `7` line per
///   level (bids best first, then asks), at `recv_ns` 0.
/// - Every later message becomes one level line with the level's new absolute size, as IQFeed sends them: `8` when
///   the level still holds shares, `9` when it is empty. New orders add to the level; cancels, deletes and visible
///   executions take from it (a level the book does not show counts as empty).
/// - Executions (visible and hidden) also become a Level 1 trade `Q` line (default field list) with the price, size,
///   running volume and the best bid and ask after the trade.
/// - `recv_ns` is the message's time since message 0; the capture's clock anchor is message 0's time on `date` in
///   US/Eastern, where LOBSTER's times are.
///
/// Trading halts (type 7) and cross trades (type 6) change no level and are counted as skipped.
public struct LobsterImport {
    /// The message file.
    public let messagesPath: String
    /// The orderbook file (only its first row is used).
    public let orderBookPath: String
    /// The symbol to write, e.g. `AAPL`.
    public let symbol: String
    /// The trading day, `YYYY-MM-DD`.
    public let date: String

    /// An import of the two files for `symbol` on `date`.
    public init(messagesPath: String, orderBookPath: String, symbol: String, date: String) {
        self.messagesPath = messagesPath
        self.orderBookPath = orderBookPath
        self.symbol = symbol
        self.date = date
    }

    /// Writes the capture to `outputPath` (a new file) and returns what was written.
    ///
    /// - Throws: ``LobsterImportError`` naming the file and line of bad input, or ``CaptureError`` from the writer.
    ///   On an input error the partial capture is removed.
    public func write(to outputPath: String, harnessVersion: String) throws -> LobsterImportSummary {
        guard let midnight = EasternTime.midnightUnixNanoseconds(of: date) else {
            throw LobsterImportError(path: nil, line: nil, reason: "--date \(date) is not a date in YYYY-MM-DD form")
        }
        let snapshot = try firstBookRow()
        var messages = try LineReader(path: messagesPath)
        guard let firstLine = try messages.next() else {
            throw LobsterImportError(path: messagesPath, line: nil, reason: "the message file is empty")
        }
        let first = try message(firstLine, line: 1)
        let metadata = CaptureMetadata(
            clockAnchorUnixNs: midnight + first.nanosecondsAfterMidnight,
            source: "lobster \(URL(fileURLWithPath: messagesPath).lastPathComponent)",
            symbols: [symbol],
            level1Fields: Level1FieldList.default.names,
            harnessVersion: harnessVersion
        )
        let writer = try CaptureWriter(path: outputPath, metadata: metadata)
        var lines = LobsterLineWriter(
            writer: writer,
            symbol: symbol,
            date: date,
            origin: first.nanosecondsAfterMidnight
        )
        do {
            try lines.writeSnapshot(snapshot, after: first)
            var lineNumber = 1
            while let text = try messages.next() {
                lineNumber += 1
                try lines.apply(try message(text, line: lineNumber))
            }
            try writer.finish()
        } catch {
            _ = try? writer.finish()
            try? FileManager.default.removeItem(atPath: outputPath)
            throw error
        }
        return lines.summary
    }

    private func firstBookRow() throws -> LobsterBookRow {
        var reader = try LineReader(path: orderBookPath)
        guard let row = try reader.next() else {
            throw LobsterImportError(path: orderBookPath, line: nil, reason: "the orderbook file is empty")
        }
        do {
            return try LobsterBookRow(row: row)
        } catch {
            throw LobsterImportError(path: orderBookPath, line: 1, reason: error.reason)
        }
    }

    private func message(_ text: Substring, line: Int) throws -> LobsterMessage {
        do {
            return try LobsterMessage(row: text)
        } catch {
            throw LobsterImportError(path: messagesPath, line: line, reason: error.reason)
        }
    }
}

/// What an import wrote.
public struct LobsterImportSummary: Sendable, Equatable {
    /// Message rows read (the first included).
    public var messages = 0
    /// `7` snapshot lines.
    public var snapshotLines = 0
    /// `8` and `9` level lines.
    public var levelLines = 0
    /// `Q` trade lines.
    public var tradeLines = 0
    /// Halts and cross trades, which change no level.
    public var skipped = 0
    /// Nanoseconds from the first message to the last.
    public var spanNanoseconds: Int64 = 0
}

/// Bad LOBSTER input, naming the file and line.
public struct LobsterImportError: Error, Sendable, CustomStringConvertible {
    /// The file, when the problem is in one.
    public let path: String?
    /// The 1-based line, when the problem is in one.
    public let line: Int?
    /// What is wrong.
    public let reason: String

    /// `path:line: reason`, or less when the file or line is not known.
    public var description: String {
        guard let path else { return reason }
        guard let line else { return "\(path): \(reason)" }
        return "\(path):\(line): \(reason)"
    }
}
