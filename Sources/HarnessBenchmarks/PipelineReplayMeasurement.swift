import Foundation
import Pipeline

/// One `harness replay` of a capture in a child process, so that its peak RSS is the pipeline's alone and runs do not
/// share state: the audit and rates it wrote (`summary.json`), the pacing line it printed (lateness and drift are not
/// in the file) and the time from the first publish to the last stored batch, read back from its SQLite sink.
struct PipelineReplayMeasurement {
    /// The child's exit status: 0 nothing lost, 1 a check failed (events lost, reordered or unlike the reference).
    var exitStatus: Int32
    var audit: AuditReport
    /// From the first event's publish stamp (`received_ns`) to the commit of the last batch stored (`stored_ns`).
    var firstPublishToStoredSeconds: Double
    /// `ReplayResult.elapsedNs` from `summary.json`: start of the run (parts starting, the consumer group
    /// joining) to drained and stopped, audit excluded.
    var wholeRunSeconds: Double
    /// `ReplayResult.eventsPerSecond`: stored events over ``wholeRunSeconds``.
    var wholeRunRate: Double
    var peakRSSBytes: Int
    /// Lateness of sends against the schedule (ms), only for paced runs.
    var lateness: (p50: Double, p99: Double, max: Double)?
    /// The last send's lateness (ms), only for paced runs.
    var finalDriftMs: Double?

    /// Stored events per second from the first publish to everything stored.
    var rate: Double { Double(audit.stored) / firstPublishToStoredSeconds }

    var endToEnd: AuditReport.StageLatency? { audit.stageLatency.first { $0.stage == "end_to_end" } }

    /// Whether the audit passed: nothing lost or wrong.
    var passed: Bool { exitStatus == 0 }

    /// Runs `harness replay CAPTURE --speed SPEED` with every default (embedded 3-broker Kafka, SQLite sink, managed
    /// Redis, tracing on) into `folder/name`, and measures it.
    static func run(harness: String, capture: String, speed: String, folder: String, name: String) throws -> Self {
        let runFolder = folder + "/" + name
        let output = folder + "/\(name).out"
        let errors = folder + "/\(name).err"
        let child = try MeasuredChild.run(
            harness,
            ["replay", capture, "--out", runFolder, "--speed", speed],
            output: output,
            errors: errors
        )
        guard child.status == 0 || child.status == 1 else {
            throw BenchmarkError(
                "harness replay \(capture) exited with status \(child.status):\n\(MeasuredChild.tail(of: errors))"
            )
        }
        let summary: Summary
        do {
            let file = URL(fileURLWithPath: runFolder).appendingPathComponent("summary.json")
            summary = try JSONDecoder().decode(Summary.self, from: Data(contentsOf: file))
        } catch {
            throw BenchmarkError("could not read \(runFolder)/summary.json: \(error)")
        }
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        let pacing = text.firstMatch(
            of: /lateness p50 ([\d.]+) p99 ([\d.]+) max ([\d.]+) ms, final drift (-?[\d.]+) ms/
        )
        return Self(
            exitStatus: child.status,
            audit: summary.audit,
            firstPublishToStoredSeconds: try storedSpan(of: runFolder + "/sink.sqlite"),
            wholeRunSeconds: summary.elapsedSeconds,
            wholeRunRate: summary.eventsPerSecond,
            peakRSSBytes: child.peakRSSBytes,
            lateness: pacing.map { (Double($0.1) ?? 0, Double($0.2) ?? 0, Double($0.3) ?? 0) },
            finalDriftMs: pacing.flatMap { Double($0.4) }
        )
    }

    /// The part of `summary.json` the benchmark reads.
    private struct Summary: Decodable {
        var audit: AuditReport
        var elapsedSeconds: Double
        var eventsPerSecond: Double
    }

    /// Seconds from the earliest publish stamp to the latest stored stamp of the rows in a SQLite sink (both are
    /// Unix nanoseconds taken in the replaying process), read a page at a time.
    private static func storedSpan(of path: String) throws -> Double {
        let sink = try SQLiteSink(path: path)
        var firstPublish = Int64.max
        var lastStored = Int64.min
        for symbol in try sink.storedSymbols() {
            var after = Int64.min
            while true {
                let rows = try sink.storedRows(of: symbol, afterSeq: after, limit: 100_000)
                guard let last = rows.last else { break }
                for row in rows {
                    firstPublish = min(firstPublish, row.receivedNs)
                    lastStored = max(lastStored, row.storedNs ?? lastStored)
                }
                after = last.seq
            }
        }
        guard firstPublish < lastStored else { throw BenchmarkError("the sink \(path) holds no stored events") }
        return Double(lastStored - firstPublish) / 1e9
    }
}
