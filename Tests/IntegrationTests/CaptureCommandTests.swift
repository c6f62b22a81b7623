import Capture
import Foundation
import MarketData
import SQLite
import SystemSupport
import Testing

/// `harness import lobster`, `inspect`, `simulate` and `record`, run as the built binary.
@Suite("capture commands, end to end", .timeLimit(.minutes(2)))
struct CaptureCommandTests {
    let harness = ChildProcess.harnessBinary

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let lobster = repository.appendingPathComponent("fixtures/lobster").path

    /// Imports the LOBSTER sample into `folder` and returns the capture's path.
    private func importLobster(into folder: String) throws -> String {
        let out = folder + "/lobster.sqlite"
        let result = try ChildProcess.run(
            harness,
            [
                "import", "lobster", Self.lobster + "/AAPL_2012-06-21_34200000_57600000_message_10.head500.csv",
                Self.lobster + "/AAPL_2012-06-21_34200000_57600000_orderbook_10.head500.csv",
                "--symbol", "AAPL", "--date", "2012-06-21", "--out", out,
            ]
        )
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("imported 500 messages"))
        return out
    }

    /// Starts `harness simulate` on free ports and returns it with its Level 1 and Level 2 ports.
    private func simulate(_ capture: String, speed: String) throws -> (ChildProcess, Int, Int) {
        let simulator = try ChildProcess(
            harness,
            ["simulate", "--capture", capture, "--l1-port", "0", "--l2-port", "0", "--speed", speed]
        )
        let banner = try #require(simulator.readLine(startingWith: "IQFeed simulator serving"))
        let ports = banner.split(separator: ":").compactMap { Int($0.prefix { $0.isNumber }) }
        try #require(ports.count == 2, "ports in: \(banner)")
        return (simulator, ports[0], ports[1])
    }

    /// Data lines keyed by (port, symbol), in seq order.
    private func streams(of path: String) throws -> [String: [String]] {
        var result: [String: [String]] = [:]
        try CaptureReader(path: path).forEachEvent { event in
            guard let symbol = event.symbol, !"TSEn".contains(event.line.prefix(1)) else { return }
            result["\(event.port.rawValue) \(symbol)", default: []].append(event.line)
        }
        return result
    }

    @Test("import lobster, then inspect in text and JSON")
    func importAndInspect() throws {
        let folder = try TemporaryDirectory(prefix: "CaptureCommandTests")
        defer { try? folder.remove() }
        let capture = try importLobster(into: folder.path)
        let text = try ChildProcess.run(harness, ["inspect", capture])
        #expect(text.status == 0)
        #expect(text.stdout.contains("events 582 (seq 1-582)"))
        #expect(text.stdout.contains("per type: 8 330, 9 144, Q 88, 7 20"))
        #expect(text.stdout.contains("bad lines: 0"))
        let json = try ChildProcess.run(harness, ["inspect", "--json", capture])
        #expect(json.status == 0)
        let decoded = try JSONDecoder().decode(CaptureInspection.self, from: Data(json.stdout.utf8))
        #expect(decoded.events == 582)
        #expect(decoded.perSymbol == ["AAPL": 582])
        #expect(decoded.perPort == ["5009": 88, "9200": 494])
    }

    @Test("simulate a capture and record it back: the same lines per symbol, in order")
    func recordTheSimulator() throws {
        let folder = try TemporaryDirectory(prefix: "CaptureCommandTests")
        defer { try? folder.remove() }
        let source = try importLobster(into: folder.path)
        let (simulator, level1, level2) = try simulate(source, speed: "max")
        let copy = folder.path + "/copy.sqlite"
        let result = try ChildProcess.run(
            harness,
            [
                "record", "--l1-port", "\(level1)", "--l2-port", "\(level2)", "--symbols", "AAPL", "--count", "582",
                "--out", copy,
            ]
        )
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("count reached"))
        simulator.interrupt()
        #expect(simulator.finish().status == 0)
        #expect(try streams(of: copy) == streams(of: source))
    }

    @Test("a symbol with Level 1 data but no depth (n,SYM on Level 2 only) is recorded, not refused")
    func levelOneOnlySymbol() throws {
        let folder = try TemporaryDirectory(prefix: "CaptureCommandTests")
        defer { try? folder.remove() }
        let source = folder.path + "/quotes.sqlite"
        let writer = try CaptureWriter(
            path: source,
            metadata: CaptureMetadata(
                clockAnchorUnixNs: 0,
                source: "test",
                symbols: ["AAPL"],
                level1Fields: Level1FieldList.default.names,
                harnessVersion: "test"
            )
        )
        for index in 1...50 {
            try writer.append(
                recvNs: Int64(index) * 1_000,
                port: .level1,
                symbol: "AAPL",
                line: "Q,AAPL,190.\(index),100,09:30:00.000001,11,\(index),190.00,100,190.10,200,,,,,Cba,,"
            )
        }
        try writer.finish()
        let (simulator, level1, level2) = try simulate(source, speed: "max")
        let result = try ChildProcess.run(
            harness,
            [
                "record", "--l1-port", "\(level1)", "--l2-port", "\(level2)", "--symbols", "AAPL", "--count", "50",
                "--out", folder.path + "/copy.sqlite",
            ]
        )
        simulator.interrupt()
        _ = simulator.finish()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("level2 (9200): IQFeed does not know symbol AAPL"))
        #expect(try streams(of: folder.path + "/copy.sqlite") == streams(of: source))
    }

    @Test("a recorder killed with SIGKILL leaves a capture that opens and lacks only its tail")
    func killedRecorder() throws {
        let folder = try TemporaryDirectory(prefix: "CaptureCommandTests")
        defer { try? folder.remove() }
        let source = try importLobster(into: folder.path)
        let (simulator, level1, level2) = try simulate(source, speed: "1x")
        let copy = folder.path + "/copy.sqlite"
        let recorder = try ChildProcess(
            harness,
            ["record", "--l1-port", "\(level1)", "--l2-port", "\(level2)", "--symbols", "AAPL", "--out", copy]
        )
        var committed = 0
        let deadline = MonotonicClock.nanoseconds() + 60_000_000_000
        while committed < 200 && MonotonicClock.nanoseconds() < deadline {
            committed = (try? CaptureReader(path: copy).eventCount()) ?? 0
            MonotonicClock.sleep(nanoseconds: 20_000_000)
        }
        try #require(committed >= 200, "the recorder committed \(committed) events")
        recorder.killNow()
        #expect(recorder.finish().status == SIGKILL + 128 || recorder.finish().status == SIGKILL)
        simulator.interrupt()
        _ = simulator.finish()

        let reader = try CaptureReader(path: copy)
        try reader.checkIntegrity()
        #expect(try reader.eventCount() >= committed)
        let recorded = try streams(of: copy)
        let original = try streams(of: source)
        for (stream, lines) in recorded {
            let full = try #require(original[stream])
            #expect(Array(full.prefix(lines.count)) == lines, "\(stream) is a prefix of the source")
        }
        #expect(recorded.values.map(\.count).reduce(0, +) < original.values.map(\.count).reduce(0, +))
    }

    @Test("Ctrl-C finishes the capture cleanly: exit 0 when open-ended, 4 when a --duration was cut short")
    func interruptedRecorder() throws {
        let folder = try TemporaryDirectory(prefix: "CaptureCommandTests")
        defer { try? folder.remove() }
        let source = try importLobster(into: folder.path)
        for (name, extra, expected) in [("open", [String](), Int32(0)), ("bounded", ["--duration", "10m"], 4)] {
            let (simulator, level1, level2) = try simulate(source, speed: "1x")
            defer {
                simulator.interrupt()
                _ = simulator.finish()
            }
            let copy = folder.path + "/\(name).sqlite"
            let recorder = try ChildProcess(
                harness,
                ["record", "--l1-port", "\(level1)", "--l2-port", "\(level2)", "--symbols", "AAPL", "--out", copy]
                    + extra
            )
            var committed = 0
            let deadline = MonotonicClock.nanoseconds() + 60_000_000_000
            while committed < 50 && MonotonicClock.nanoseconds() < deadline {
                committed = (try? CaptureReader(path: copy).eventCount()) ?? 0
                MonotonicClock.sleep(nanoseconds: 20_000_000)
            }
            recorder.interrupt()
            let result = recorder.finish()
            #expect(result.status == expected, "\(name): \(result.stderr)")
            #expect(result.stderr.contains("stopped by Ctrl-C"))
            #expect(!FileManager.default.fileExists(atPath: copy + "-wal"), "a finished capture leaves no WAL")
            let reader = try CaptureReader(path: copy)
            #expect(try reader.eventCount() >= committed)
            let recorded = try streams(of: copy)
            let original = try streams(of: source)
            for (stream, lines) in recorded {
                #expect(Array(try #require(original[stream]).prefix(lines.count)) == lines)
            }
        }
    }

    @Test("bad input: a missing, foreign or newer capture exits 2 and says what to do; no IQFeed exits 3")
    func badInput() throws {
        let folder = try TemporaryDirectory(prefix: "CaptureCommandTests")
        defer { try? folder.remove() }
        let missing = try ChildProcess.run(harness, ["inspect", folder.path + "/nope.sqlite"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("does not exist"))

        let foreign = folder.path + "/notes.txt"
        try "not a capture".write(toFile: foreign, atomically: true, encoding: .utf8)
        let notCapture = try ChildProcess.run(harness, ["inspect", foreign])
        #expect(notCapture.status == 2)
        #expect(notCapture.stderr.contains("is not a capture file"))

        let newer = try importLobster(into: folder.path)
        try SQLiteDatabase(path: newer, mode: .readWrite).execute(
            "UPDATE meta SET value = '9' WHERE key = 'format_version'"
        )
        let tooNew = try ChildProcess.run(harness, ["inspect", newer])
        #expect(tooNew.status == 2)
        #expect(tooNew.stderr.contains("format_version 9; this harness reads up to 1"))

        let closed = try LoopbackSocket()
        let unreachable = try ChildProcess.run(
            harness,
            [
                "record", "--l1-port", "\(closed.port)", "--symbols", "AAPL", "--depth", "none", "--out",
                folder.path + "/x.sqlite",
            ]
        )
        #expect(unreachable.status == 3)
        #expect(unreachable.stderr.contains("cannot reach IQFeed level1 (5009) at 127.0.0.1:\(closed.port)"))

        try FileManager.default.createDirectory(atPath: folder.path + "/known", withIntermediateDirectories: true)
        let source = try importLobster(into: folder.path + "/known")
        let (simulator, level1, level2) = try simulate(source, speed: "max")
        let unknown = try ChildProcess.run(
            harness,
            [
                "record", "--l1-port", "\(level1)", "--l2-port", "\(level2)", "--symbols", "NOPE,ALSONOPE",
                "--out", folder.path + "/unknown.sqlite",
            ]
        )
        simulator.interrupt()
        _ = simulator.finish()
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("IQFeed knows none of --symbols NOPE,ALSONOPE"))

        let badFault = try ChildProcess.run(harness, ["simulate", "--capture", newer, "--fault", "explode@5"])
        #expect(badFault.status == 2)
        #expect(badFault.stderr.contains("unknown kind 'explode'"))
    }
}
