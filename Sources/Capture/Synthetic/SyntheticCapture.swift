import Foundation
import MarketData

/// Generates realistic multi-symbol IQFeed captures from a seed: small fixtures for tests and millions of events for
/// benchmarks.
///
/// ```swift
/// let configuration = SyntheticCaptureConfiguration(events: 1_000_000, seed: 42)
/// let summary = try SyntheticCapture.write(configuration, to: "/tmp/bench.sqlite", harnessVersion: "0.1.0")
/// ```
///
/// What each symbol gets (see `SyntheticSymbol`):
/// - a depth kind in rotation (`SyntheticCaptureConfiguration.depthKind(ofSymbolAt:)`): market by price (`7` snapshot,
///   then `8`/`9` with absolute sizes), market by order (`6` snapshot, then `3`/`4`/`5` by order id, some `4` lines
///   moving an order to another price) or legacy market-maker rows (`Z` snapshot, then `2`), on Level 2 (9200);
/// - Level 1 (5009) `Q` lines in the default field list for every trade (last price and size, market center,
///   running volume, open/high/low, `Message Contents` such as `Cbav`) and for about half of the quote changes, always
///   with the book's best bid and ask and their total sizes;
/// - now and then (`clearDepthInterval`) `S,CLEAR DEPTH` for both sides and a new snapshot.
///
/// Prices follow a random walk on a 0.01 grid bounded to 10 % around a random start (20.00 to 400.00); the best bid is
/// always below the best ask and every size is positive. `T` heartbeats go on both ports once per second of market
/// time. Every line is a codec message (`FeedMessage.encode(into:)`), so `FeedParser` reads each one back.
///
/// `recv_ns` never decreases and averages `eventsPerSecond`, with bursts; the clock anchor is 09:30:00 US/Eastern on
/// `date`, and the market times in the lines follow `recv_ns`. The generator streams into `CaptureWriter` in constant
/// memory: about a million events in a few seconds in release builds.
public enum SyntheticCapture {
    /// The `meta` key that records the configuration, so a capture says how to make it again.
    public static let configurationKey = "synthetic"

    /// Writes the capture for `configuration` to `path`, a new file, and returns what it holds.
    ///
    /// - Parameters:
    ///   - configuration: What to generate; the same configuration gives the same events.
    ///   - path: Where to create the capture. Nothing may exist there; its directory must exist.
    ///   - harnessVersion: The version stored in the capture's metadata.
    ///   - progress: Called with the number of events written, about every 100,000 events and once at the end.
    /// - Throws: `SyntheticCaptureError` for a configuration that `validate()` rejects (nothing is created),
    ///   `CaptureError` from the writer (`.alreadyExists` leaves the file there untouched; after other errors the
    ///   partial capture is removed).
    public static func write(
        _ configuration: SyntheticCaptureConfiguration,
        to path: String,
        harnessVersion: String,
        progress: ((Int) -> Void)? = nil
    ) throws -> SyntheticCaptureSummary {
        try configuration.validate()
        guard let midnight = EasternTime.midnightUnixNanoseconds(of: configuration.date) else {
            preconditionFailure("validate() accepts only dates EasternTime reads")
        }
        let anchor = midnight + SyntheticClock.sessionStartNanoseconds
        let nanosecondsPerDay: Int64 = 86_400_000_000_000
        let firstDay = (midnight >= 0 ? midnight : midnight - nanosecondsPerDay + 1) / nanosecondsPerDay
        let writer = try CaptureWriter(path: path, metadata: metadata(configuration, anchor, harnessVersion))
        do {
            let clock = SyntheticClock(
                eventsPerSecond: configuration.eventsPerSecond,
                firstDay: firstDay,
                seed: configuration.seed
            )
            var out = SyntheticEmitter(writer: writer, events: configuration.events, clock: clock)
            var generator = SyntheticGenerator(configuration)
            try generator.run(&out, progressInterval: 100_000, progress: progress)
            try writer.finish()
            progress?(out.summary.events)
            return out.summary
        } catch {
            _ = try? writer.finish()
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
    }

    /// The capture's metadata: source `synthetic seed S`, the symbols, the default Level 1 field list, the clock
    /// anchor (also the creation time, so the file does not depend on when it was made) and the configuration under
    /// `configurationKey`.
    private static func metadata(
        _ configuration: SyntheticCaptureConfiguration,
        _ anchor: Int64,
        _ harnessVersion: String
    ) -> CaptureMetadata {
        let kinds = configuration.symbols.enumerated()
            .map { "\($0.element):\(configuration.depthKind(ofSymbolAt: $0.offset))" }
        let description =
            "events=\(configuration.events) seed=\(configuration.seed) rate=\(configuration.eventsPerSecond) "
            + "depth=\(configuration.depthLevels) date=\(configuration.date) "
            + "clear_depth_every=\(configuration.clearDepthInterval) kinds=\(kinds.joined(separator: ","))"
        return CaptureMetadata(
            createdAt: Date(timeIntervalSince1970: Double(anchor / 1_000_000_000)),
            clockAnchorUnixNs: anchor,
            source: "synthetic seed \(configuration.seed)",
            symbols: configuration.symbols,
            level1Fields: Level1FieldList.default.names,
            harnessVersion: harnessVersion,
            extra: [configurationKey: description]
        )
    }
}
