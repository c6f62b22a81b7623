import Capture
import Foundation
import MarketData

/// Small synthetic captures for the tests: generated into a temporary folder and read back whole.
enum SyntheticSample {
    /// The default eight symbols, with depth clears often enough that a small capture has several.
    static func configuration(events: Int = 20_000, seed: UInt64 = 7) -> SyntheticCaptureConfiguration {
        SyntheticCaptureConfiguration(events: events, seed: seed, clearDepthInterval: 3_000)
    }

    /// A generated capture: what `write` returned, the events and the metadata read back.
    struct Capture {
        var summary: SyntheticCaptureSummary
        var events: [CaptureEvent]
        var metadata: CaptureMetadata
    }

    /// Generates `configuration` into a temporary file and reads it back.
    static func generate(_ configuration: SyntheticCaptureConfiguration) throws -> Capture {
        try withTemporaryDirectory { folder in
            let path = folder + "/synthetic.sqlite"
            let summary = try SyntheticCapture.write(configuration, to: path, harnessVersion: "test")
            let reader = try CaptureReader(path: path)
            return Capture(summary: summary, events: try reader.events(), metadata: reader.metadata)
        }
    }

    /// The type code of a line: its first field, or `S,NAME` for system lines.
    static func typeCode(_ line: String) -> String {
        let fields = line.split(separator: ",", maxSplits: 2, omittingEmptySubsequences: false)
        return fields[0] == "S" && fields.count > 1 ? "S,\(fields[1])" : String(fields[0])
    }
}
