import Foundation
import Pipeline

/// One `harness replay` of a capture in a child process, so that its peak RSS is the pipeline's alone and runs do not
/// share state: the audit, rates and pacing it wrote (`summary.json`) and the time from the first publish to the last
/// stored batch, read back from its SQLite sink.
struct PipelineReplayMeasurement {
    /// The child's exit status: 0 nothing lost, 1 a check failed (events lost, reordered or unlike the reference).
    var exitStatus: Int32
    var audit: AuditReport
    /// From the first event's publish stamp (`received_ns`) to the commit of the last batch stored (`stored_ns`).
    var firstPublishToStoredSeconds: Double
    /// `ReplayResult.elapsedNs` from `summary.json`: start of the run (parts starting, the consumer group
    /// joining) to drained and stopped, audit excluded.
    var wholeRunSeconds: Double
    /// Stored events over ``wholeRunSeconds``.
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
        return Self(
            exitStatus: child.status,
            audit: summary.audit,
            firstPublishToStoredSeconds: try storedSpan(of: runFolder + "/sink.sqlite"),
            wholeRunSeconds: summary.elapsedSeconds,
            wholeRunRate: summary.elapsedSeconds > 0 ? Double(summary.audit.stored) / summary.elapsedSeconds : 0,
            peakRSSBytes: child.peakRSSBytes,
            lateness: summary.pacing.map { ($0.latenessP50Ms, $0.latenessP99Ms, $0.latenessMaxMs) },
            finalDriftMs: summary.pacing?.finalDriftMs
        )
    }

    /// The part of `summary.json` the benchmark reads.
    private struct Summary: Decodable {
        var audit: AuditReport
        var elapsedSeconds: Double
        var pacing: Pacing?
    }

    private struct Pacing: Decodable {
        var latenessP50Ms: Double
        var latenessP99Ms: Double
        var latenessMaxMs: Double
        var finalDriftMs: Double
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
