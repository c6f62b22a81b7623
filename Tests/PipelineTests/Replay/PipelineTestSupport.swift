import Foundation
import Pipeline
import SQLite
import SystemSupport
import Testing

/// The repository's committed fixtures.
enum Fixtures {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    /// The LOBSTER AAPL sample imported as a capture (582 events: a 20-line snapshot, 474 level lines, 88 trades).
    static let lobster = repository.appendingPathComponent("fixtures/lobster-aapl.sqlite").path
    static let lobsterEvents: Int64 = 582
    /// 10,000 generated events over four symbols, one of each book kind.
    static let multiSymbol = repository.appendingPathComponent("fixtures/multi-symbol.sqlite").path
    static let multiSymbolEvents: Int64 = 10_000
}

/// A replay configuration into a fresh folder of `directory`, without Redis unless asked.
func replayConfiguration(
    capture: String = Fixtures.lobster,
    in directory: TemporaryDirectory,
    redis: ReplayConfiguration.RedisChoice = .none
) -> ReplayConfiguration {
    var configuration = ReplayConfiguration(
        capturePath: capture,
        outputDirectory: directory.url.appendingPathComponent("run").path
    )
    configuration.redis = redis
    configuration.startupTimeout = .seconds(60)
    return configuration
}

/// Polls `condition` every 10 ms until it holds or `timeout` passes; returns whether it held.
func eventually(timeout: Duration = .seconds(30), _ condition: () -> Bool) -> Bool {
    let deadline = MonotonicClock.deadline(after: timeout.nanoseconds)
    while MonotonicClock.nanoseconds() < deadline {
        if condition() { return true }
        MonotonicClock.sleep(nanoseconds: 10_000_000)
    }
    return condition()
}

/// Copies `capture` into `directory` so a test can change it.
func copyOfCapture(_ capture: String, in directory: TemporaryDirectory, name: String) throws -> String {
    let path = directory.url.appendingPathComponent(name).path
    try FileManager.default.copyItem(atPath: capture, toPath: path)
    return path
}

/// The one row of `sql`'s first column as an integer.
func integer(_ sql: String, in path: String) throws -> Int64 {
    let database = try SQLiteDatabase(path: path, mode: .readOnly)
    return try database.prepare(sql).firstRow { $0.int64(at: 0) } ?? -1
}

/// Asserts the audit found every event stored once, in order, traced and equal to the reference.
func expectClean(_ result: ReplayResult, events: Int64, sourceLocation: SourceLocation = #_sourceLocation) {
    let audit = result.audit
    #expect(audit.captureEvents == events, sourceLocation: sourceLocation)
    #expect(audit.stored == events, sourceLocation: sourceLocation)
    #expect(audit.lost == 0, "lost: \(audit.lostWitnesses)", sourceLocation: sourceLocation)
    #expect(audit.unexpected == 0, sourceLocation: sourceLocation)
    #expect(audit.duplicatesStored == 0, sourceLocation: sourceLocation)
    #expect(audit.reordered == 0, "\(audit.reorderedWitnesses)", sourceLocation: sourceLocation)
    #expect(audit.referenceCompared == events, sourceLocation: sourceLocation)
    #expect(audit.referenceMismatches == 0, "\(audit.mismatchWitnesses)", sourceLocation: sourceLocation)
    #expect(audit.traceComplete == events, sourceLocation: sourceLocation)
    #expect(result.failures.isEmpty, "\(result.failures)", sourceLocation: sourceLocation)
    #expect(result.drained, sourceLocation: sourceLocation)
}
