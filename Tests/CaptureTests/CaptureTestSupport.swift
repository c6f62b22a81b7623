import Capture
import Foundation
import MarketData
import SystemSupport

/// Runs `body` with the path of a new empty directory, then removes the directory and everything in it.
func withTemporaryDirectory<Result>(_ body: (String) throws -> Result) throws -> Result {
    let directory = try TemporaryDirectory(prefix: "CaptureTests")
    defer { try? directory.remove() }
    return try body(directory.path)
}

/// Metadata for test captures, created at a whole second so it reads back equal.
func sampleMetadata(symbols: [String] = Samples.symbols) -> CaptureMetadata {
    CaptureMetadata(
        createdAt: Date(timeIntervalSince1970: 1_732_804_200),
        clockAnchorUnixNs: 1_732_804_200_123_456_789,
        source: "iqfeed 127.0.0.1:5009",
        symbols: symbols,
        level1Fields: ["Symbol", "Most Recent Trade", "Bid", "Ask"],
        harnessVersion: "0.1.0-test"
    )
}

/// Deterministic test events: `event(seq)` is the same every time it is called.
enum Samples {
    static let symbols = ["AAPL", "MSFT", "@ESZ24", "EURUSD.FXCM"]

    /// The event numbered `seq`: every fifth one is about no symbol, `recv_ns` grows by 1,000 per event with
    /// every third event sharing its predecessor's `recv_ns`.
    static func event(_ seq: Int64) -> CaptureEvent {
        let symbol = seq % 5 == 0 ? nil : symbols[Int(seq % 4)]
        let port: FeedPort = seq % 7 == 0 ? .level2 : .level1
        let line =
            symbol.map { "Q,\($0),190.\(seq % 100),\(seq % 1_000),190.\(seq % 97),190.\(seq % 89),14:30:01.\(seq)" }
            ?? "T,20241128 14:30:\(seq % 60)"
        return CaptureEvent(seq: seq, recvNs: recvNs(seq), port: port, symbol: symbol, line: line)
    }

    /// `recv_ns` of `event(seq)`.
    static func recvNs(_ seq: Int64) -> Int64 {
        (seq - seq / 3) * 1_000
    }

    /// Writes `event(1)` … `event(count)` to a new capture at `path` and finishes it.
    static func writeCapture(at path: String, count: Int64, gaps: [CaptureGap] = []) throws {
        let writer = try CaptureWriter(path: path, metadata: sampleMetadata())
        for seq in stride(from: 1, through: count, by: 1) {
            let event = event(seq)
            try writer.append(recvNs: event.recvNs, port: event.port, symbol: event.symbol, line: event.line)
        }
        for gap in gaps {
            try writer.recordGap(startNs: gap.startNs, endNs: gap.endNs, port: gap.port, reason: gap.reason)
        }
        try writer.finish()
    }
}

extension CaptureReader {
    /// Every event passing `filter`, copied: for small test captures only.
    func events(_ filter: CaptureEventFilter = CaptureEventFilter()) throws -> [CaptureEvent] {
        var events: [CaptureEvent] = []
        try forEachEvent(filter: filter) { events.append($0.event) }
        return events
    }
}
