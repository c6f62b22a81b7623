import ArgumentParser
import Capture
import Foundation

/// `harness import lobster`: a LOBSTER sample as a capture of IQFeed lines.
struct ImportLobsterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lobster",
        abstract: "Turn a LOBSTER sample (Nasdaq message and orderbook files) into a capture of IQFeed lines.",
        discussion: """
            The first orderbook row becomes a market-by-price snapshot (7 lines); every message becomes an 8 or 9
            level line with the level's new absolute size; executions also become Level 1 trade Q lines. recv_ns
            comes from LOBSTER's timestamps (nanoseconds since the first message), and the capture's clock anchor
            is that time on --date in US/Eastern.

            Example:
              harness import lobster \\
                ../shared/data/lobster/AAPL_2012-06-21_34200000_57600000_message_10.head500.csv \\
                ../shared/data/lobster/AAPL_2012-06-21_34200000_57600000_orderbook_10.head500.csv \\
                --symbol AAPL --date 2012-06-21 --out fixtures/lobster-aapl.sqlite
            """
    )

    @Argument(help: "The LOBSTER message file (…_message_N.csv).")
    var messages: String

    @Argument(help: "The LOBSTER orderbook file (…_orderbook_N.csv); its first row is the starting book.")
    var orderBook: String

    @Option(help: "The symbol to write, e.g. AAPL.")
    var symbol: String

    @Option(help: "The trading day of the sample, YYYY-MM-DD.")
    var date: String

    @Option(help: "The capture file to create; it must not exist yet.")
    var out: String

    func validate() throws {
        guard !symbol.isEmpty, !symbol.contains(where: { $0 == "," || $0.isWhitespace }) else {
            throw ValidationError("--symbol '\(symbol)' is not a symbol; give one such as AAPL.")
        }
        for (name, path) in [("message file", messages), ("orderbook file", orderBook)]
        where !FileManager.default.isReadableFile(atPath: path) {
            throw ValidationError("the \(name) \(path) does not exist or cannot be read.")
        }
        if FileManager.default.fileExists(atPath: out) {
            throw ValidationError("--out \(out) already exists; choose a new file (a capture is never overwritten).")
        }
    }

    func run() throws {
        let importer = LobsterImport(messagesPath: messages, orderBookPath: orderBook, symbol: symbol, date: date)
        let summary: LobsterImportSummary
        do {
            summary = try importer.write(to: out, harnessVersion: HarnessVersion.current)
        } catch let error as LobsterImportError {
            throw ValidationError("\(error); nothing was written to \(out).")
        }
        Console.out(
            "imported \(summary.messages) messages into \(out): \(summary.snapshotLines) snapshot lines, "
                + "\(summary.levelLines) level lines, \(summary.tradeLines) trades, \(summary.skipped) skipped, "
                + String(format: "%.3f s", Double(summary.spanNanoseconds) / 1e9) + " of market time"
        )
    }
}
