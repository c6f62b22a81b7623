import Foundation
import Pipeline

extension ScenarioJSONReport {
    /// `scenario`: what was run.
    struct ScenarioSection: Encodable, Sendable {
        let name: String
        let description: String
        let file: String
        let capture: String
        let pace: String
        let seed: UInt64?
        let randomSeed: UInt64?

        init(_ outcome: ScenarioOutcome) {
            name = outcome.scenario.name
            description = outcome.scenario.description
            file = outcome.scenarioPath
            capture = outcome.scenario.capture
            pace = outcome.replay.configuration.pace.description
            seed = outcome.scenario.seed
            randomSeed = outcome.scenario.random?.seed
        }

        enum CodingKeys: String, CodingKey {
            case name, description, file, capture, pace, seed, randomSeed
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(description, forKey: .description)
            try container.encode(file, forKey: .file)
            try container.encode(capture, forKey: .capture)
            try container.encode(pace, forKey: .pace)
            try container.encode(seed, forKey: .seed)
            try container.encode(randomSeed, forKey: .randomSeed)
        }
    }

    /// `run`: where and when it ran, and how fast.
    struct RunSection: Encodable, Sendable {
        let folder: String
        let startedAt: String
        let runID: String
        let sink: String
        let elapsedSeconds: Double
        let pipelineSeconds: Double
        let eventsPerSecond: Double
        let interrupted: Bool

        init(_ outcome: ScenarioOutcome) {
            folder = outcome.runFolder
            startedAt = ReportFormat.timestamp(outcome.startedAt)
            runID = String(outcome.replay.runID, radix: 16)
            sink = outcome.replay.sinkDestination
            elapsedSeconds = Double(outcome.replay.elapsedNs) / 1e9
            pipelineSeconds = Double(outcome.replay.pipelineElapsedNs) / 1e9
            eventsPerSecond = outcome.replay.eventsPerSecond
            interrupted = outcome.replay.interrupted
        }

        enum CodingKeys: String, CodingKey {
            case folder, startedAt, sink, eventsPerSecond, interrupted
            case runID = "run_id"
            case elapsedSeconds = "elapsed_s"
            case pipelineSeconds = "pipeline_s"
        }
    }

    /// One of `checks`.
    struct Check: Encodable, Sendable {
        let name: String
        let passed: Bool
        let summary: String
        let evidence: [String]

        init(_ check: CheckResult) {
            name = check.kind.rawValue
            passed = check.passed
            summary = check.summary
            evidence = check.evidence
        }
    }

    /// One of `thresholds`.
    struct ThresholdSection: Encodable, Sendable {
        let metric: String
        let passed: Bool
        let conditions: [Condition]

        init(_ evaluation: ThresholdEvaluation) {
            metric = evaluation.metric
            passed = evaluation.passed
            conditions = evaluation.outcomes.map(Condition.init)
        }
    }

    /// One condition of a threshold, with the value it was judged on.
    struct Condition: Encodable, Sendable {
        let condition: String
        let limit: Double
        let observed: Double?
        let passed: Bool

        init(_ outcome: ThresholdEvaluation.Outcome) {
            condition = ReportFormat.condition(outcome.condition)
            limit = outcome.condition.limit
            observed = outcome.observed
            passed = outcome.passed
        }

        enum CodingKeys: String, CodingKey {
            case condition, limit, observed, passed
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(condition, forKey: .condition)
            try container.encode(limit, forKey: .limit)
            try container.encode(observed, forKey: .observed)
            try container.encode(passed, forKey: .passed)
        }
    }
}
