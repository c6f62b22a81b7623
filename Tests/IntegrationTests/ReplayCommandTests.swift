import Foundation
import SQLite
import SystemSupport
import Testing

@Suite("harness replay and harness process as processes", .serialized, .timeLimit(.minutes(3)))
struct ReplayCommandTests {
    let harness = ChildProcess.harnessBinary
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let lobster = repository.appendingPathComponent("fixtures/lobster-aapl.sqlite").path
    static let multiSymbol = repository.appendingPathComponent("fixtures/multi-symbol.sqlite").path
    static let multiSymbolEvents: Int64 = 10_000

    @Test("replay of the LOBSTER fixture passes, prints the audit and writes summary.json")
    func replayPasses() throws {
        let directory = try TemporaryDirectory()
        defer { try? directory.remove() }
        let out = directory.url.appendingPathComponent("run").path
        let result = try ChildProcess.run(harness, ["replay", Self.lobster, "--out", out, "--redis", "none"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("replay PASS: nothing lost"))
        #expect(result.stdout.contains("stored 582"))
        let summary = try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: out).appendingPathComponent("summary.json"))
        )
        let audit = try #require((summary as? [String: Any])?["audit"] as? [String: Any])
        #expect(audit["stored"] as? Int == 582)
        #expect(audit["lostInProcessing"] as? Int == 0)
    }

    @Test("bad input exits 2 and names it; an unreachable server exits 3 and names it")
    func exitCodes() throws {
        let directory = try TemporaryDirectory()
        defer { try? directory.remove() }
        let missing = try ChildProcess.run(
            harness,
            ["replay", directory.url.appendingPathComponent("none.sqlite").path]
        )
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("none.sqlite"))
        let pace = try ChildProcess.run(harness, ["replay", Self.lobster, "--speed", "fast"])
        #expect(pace.status == 2)
        #expect(pace.stderr.contains("fast"))
        let port = try LoopbackPort.free()
        let clickhouse = try ChildProcess.run(
            harness,
            [
                "replay", Self.lobster, "--out", directory.url.appendingPathComponent("ch").path, "--redis", "none",
                "--clickhouse", "127.0.0.1:\(port)",
            ]
        )
        #expect(clickhouse.status == 3)
        #expect(clickhouse.stderr.contains("127.0.0.1:\(port)"))
        let kafka = try ChildProcess.run(
            harness,
            [
                "replay", Self.lobster, "--out", directory.url.appendingPathComponent("k").path, "--redis", "none",
                "--kafka", "127.0.0.1:\(port)",
            ]
        )
        #expect(kafka.status == 3)
        #expect(kafka.stderr.contains("127.0.0.1:\(port)"))
    }

    @Test("a processor killed mid-replay and replaced: nothing lost, state continues, copies absorbed")
    func processorKilledAndRestarted() throws {
        let directory = try TemporaryDirectory()
        defer { try? directory.remove() }
        let out = directory.url.appendingPathComponent("run").path
        let replay = try ChildProcess(
            harness,
            ["replay", Self.multiSymbol, "--out", out, "--redis", "none", "--processors", "0", "--speed", "2000/s"]
        )
        let (bootstrap, sink) = try pipelineAddress(of: replay)
        let first = try startProcessor(bootstrap: bootstrap, sink: sink, name: "first")
        #expect(eventually(timeout: .seconds(60)) { storedEvents(in: sink) >= 2_000 })
        first.killNow()
        let second = try startProcessor(bootstrap: bootstrap, sink: sink, name: "second")
        let result = replay.finish()
        second.interrupt()
        let processor = second.finish()
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.hasPrefix("replay PASS: nothing lost"), "\(result.stdout)")
        #expect(result.stdout.contains("reference    10000 of 10000 events equal"))
        #expect(processor.status == 0, "\(processor.stderr)")
        #expect(storedEvents(in: sink) == Self.multiSymbolEvents)
    }

    @Test("two processors split the partitions and store everything once")
    func twoProcessorsSplitPartitions() throws {
        let directory = try TemporaryDirectory()
        defer { try? directory.remove() }
        let out = directory.url.appendingPathComponent("run").path
        let replay = try ChildProcess(
            harness,
            ["replay", Self.multiSymbol, "--out", out, "--redis", "none", "--processors", "0", "--speed", "2000/s"]
        )
        let (bootstrap, sink) = try pipelineAddress(of: replay)
        let processors = try ["one", "two"].map { try startProcessor(bootstrap: bootstrap, sink: sink, name: $0) }
        let result = replay.finish()
        processors.forEach { $0.interrupt() }
        let finished = processors.map { $0.finish() }
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.hasPrefix("replay PASS: nothing lost"), "\(result.stdout)")
        let stored = finished.map { Self.storedCount(in: $0.stderr) }
        #expect(stored.allSatisfy { $0 > 0 }, "each processor stored some: \(stored)")
        #expect(storedEvents(in: sink) == Self.multiSymbolEvents)
    }

    /// Reads the Kafka bootstrap servers and the SQLite sink path that `replay` prints once its parts run.
    private func pipelineAddress(of replay: ChildProcess) throws -> (bootstrap: String, sink: String) {
        let line = try #require(replay.readLine(startingWith: "kafka ", fromStderr: true, within: .seconds(60)))
        let words = line.split(separator: " ").map(String.init)
        let bootstrap = try #require(words.dropFirst().first)
        let sink = try #require(words.first { $0.hasPrefix("sqlite:") }).dropFirst("sqlite:".count)
        return (bootstrap, String(sink))
    }

    private func startProcessor(bootstrap: String, sink: String, name: String) throws -> ChildProcess {
        try ChildProcess(
            harness,
            ["process", "--kafka", bootstrap, "--sink", sink, "--capture", Self.multiSymbol, "--name", name]
        )
    }

    private func storedEvents(in sink: String) -> Int64 {
        guard let database = try? SQLiteDatabase(path: sink, mode: .readOnly),
            let count = try? database.prepare("SELECT count(*) FROM events").firstRow({ $0.int64(at: 0) })
        else { return 0 }
        return count
    }

    /// The `stored N` figure of a processor's last line.
    private static func storedCount(in stderr: String) -> Int {
        guard let range = stderr.range(of: "stored ") else { return 0 }
        return Int(stderr[range.upperBound...].prefix { $0.isNumber }) ?? 0
    }

    private func eventually(timeout: Duration, _ condition: () -> Bool) -> Bool {
        let deadline = MonotonicClock.deadline(after: timeout.nanoseconds)
        while MonotonicClock.nanoseconds() < deadline {
            if condition() { return true }
            MonotonicClock.sleep(nanoseconds: 20_000_000)
        }
        return condition()
    }
}
