import MarketData
import SQLite

/// One recorded line as `CaptureReader.forEachEvent(filter:_:)` hands it out: read in place from the database,
/// valid only during the callback it is passed to.
///
/// `seq`, `recvNs` and `port` are plain values. The symbol and line are lent as UTF-8 bytes without copying
/// (`withLineBytes(_:)`, `withSymbolBytes(_:)`), or copied into a `String` on demand (`line`, `symbol`).
/// Keep `event` to hold on to the whole line after the callback.
public struct CaptureEventView {
    /// The line's position in the capture, from 1, increasing by one.
    public let seq: Int64
    /// When the line was received, in nanoseconds since `CaptureMetadata.clockAnchorUnixNs`.
    public let recvNs: Int64
    /// The feed port the line came from.
    public let port: FeedPort

    private let row: SQLiteRow

    /// The columns of `CaptureReader.eventColumns`, in order.
    enum Column {
        static let seq = 0
        static let recvNs = 1
        static let port = 2
        static let symbol = 3
        static let line = 4
    }

    init(seq: Int64, recvNs: Int64, port: FeedPort, row: SQLiteRow) {
        self.seq = seq
        self.recvNs = recvNs
        self.port = port
        self.row = row
    }

    /// Whether the line is about a symbol.
    public var hasSymbol: Bool {
        !row.isNull(at: Column.symbol)
    }

    /// The symbol, copied into a `String`; `nil` for lines about no symbol.
    public var symbol: String? {
        hasSymbol ? row.string(at: Column.symbol) : nil
    }

    /// The raw line, without CR LF, copied into a `String` (invalid UTF-8 is repaired with replacement
    /// characters; `withLineBytes(_:)` gives the bytes exactly as recorded).
    public var line: String {
        row.string(at: Column.line)
    }

    /// The whole event, copied into owned values.
    public var event: CaptureEvent {
        CaptureEvent(seq: seq, recvNs: recvNs, port: port, symbol: symbol, line: line)
    }

    /// Calls `body` with the line's UTF-8 bytes as recorded, in place. The buffer is valid only during `body`.
    public func withLineBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try row.withUnsafeBytes(at: Column.line, body)
    }

    /// Calls `body` with the symbol's UTF-8 bytes in place, or `nil` for lines about no symbol. The buffer is
    /// valid only during `body`.
    public func withSymbolBytes<Result>(_ body: (UnsafeRawBufferPointer?) throws -> Result) rethrows -> Result {
        guard hasSymbol else {
            return try body(nil)
        }
        return try row.withUnsafeBytes(at: Column.symbol, body)
    }
}
