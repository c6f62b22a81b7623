import ArgumentParser
import Capture
import Foundation
import MarketData

/// `harness inspect`: what is in a capture file.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show what a capture file holds: source, time span, counts, gaps, message rates, bad lines.",
        discussion: """
            Reads the whole file once (constant memory). Bad lines are lines the IQFeed codec cannot read; the
            first \(CaptureInspection.sampleLimit) are shown with the reason.

            Examples:
              harness inspect fixtures/lobster-aapl.sqlite
              harness inspect --json fixtures/lobster-aapl.sqlite | jq .perType
            """
    )

    @Argument(help: "The capture file.")
    var file: String

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func run() throws {
        let inspection = try CaptureInspection(reading: CaptureReader(path: file))
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            Console.out(String(decoding: try encoder.encode(inspection), as: UTF8.self))
        } else {
            Console.out(InspectionText(file: file, inspection: inspection).text)
        }
    }
}

/// The text form of ``CaptureInspection``, for people.
struct InspectionText {
    let file: String
    let inspection: CaptureInspection

    var text: String {
        let meta = inspection.metadata
        var lines = ["capture \(file)"]
        lines.append(
            "  format version \(meta[CaptureMetadata.Key.formatVersion] ?? "?"), created "
                + "\(meta[CaptureMetadata.Key.createdAt] ?? "?") by harness \(meta[CaptureMetadata.Key.harnessVersion] ?? "?")"
        )
        lines.append(
            "  source \(meta[CaptureMetadata.Key.source] ?? "?"), protocol \(meta[CaptureMetadata.Key.protocolVersion] ?? "?"), "
                + "symbols \(meta[CaptureMetadata.Key.symbols] ?? "")"
        )
        lines.append("  events \(inspection.events)" + seqText + spanText)
        lines.append("  per port: " + counts(inspection.perPort.map { (portName($0.key), $0.value) }))
        lines.append("  per type: " + counts(inspection.perType.map { ($0.key, $0.value) }))
        lines.append("  per symbol: " + counts(inspection.perSymbol.map { ($0.key, $0.value) }))
        if let rate = inspection.rate {
            lines.append("  lines/s over the span: p50 \(rate.p50), p90 \(rate.p90), p99 \(rate.p99), max \(rate.max)")
        }
        if inspection.gaps.isEmpty {
            lines.append("  gaps: none")
        } else {
            lines.append("  gaps: \(inspection.gaps.count)")
            for gap in inspection.gaps {
                lines.append(
                    "    \(portName(String(gap.port))): \(seconds(gap.startNs)) → \(seconds(gap.endNs)) "
                        + "(\(String(format: "%.3f", Double(gap.endNs - gap.startNs) / 1e9)) s): \(gap.reason)"
                )
            }
        }
        lines.append("  bad lines: \(inspection.badLines)")
        for sample in inspection.badLineSamples {
            lines.append("    seq \(sample.seq) (\(portName(String(sample.port)))): \(sample.reason)")
        }
        return lines.joined(separator: "\n")
    }

    private var seqText: String {
        guard let first = inspection.firstSeq, let last = inspection.lastSeq else { return "" }
        return " (seq \(first)-\(last))"
    }

    private var spanText: String {
        guard let first = inspection.firstRecvNs, let last = inspection.lastRecvNs else { return "" }
        let anchor = Int64(inspection.metadata[CaptureMetadata.Key.clockAnchorUnixNs] ?? "") ?? 0
        return
            ", \(utc(anchor + first)) → \(utc(anchor + last)) (\(String(format: "%.3f", Double(last - first) / 1e9)) s)"
    }

    private func utc(_ unixNanoseconds: Int64) -> String {
        let date = Date(timeIntervalSince1970: Double(unixNanoseconds) / 1e9)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    private func seconds(_ nanoseconds: Int64) -> String {
        String(format: "%.3f s", Double(nanoseconds) / 1e9)
    }

    private func portName(_ number: String) -> String {
        Int(number).flatMap(FeedPort.init(rawValue:)).map(\.description) ?? number
    }

    private func counts(_ pairs: [(String, Int)]) -> String {
        guard !pairs.isEmpty else { return "none" }
        return pairs.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.map { "\($0.0) \($0.1)" }
            .joined(separator: ", ")
    }
}
