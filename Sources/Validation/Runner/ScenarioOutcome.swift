import Foundation
import Pipeline

/// Everything a scenario run produced: the replay and its audit, the faults as they happened, the checks'
/// verdicts and the thresholds' values. The reports (`report.txt`, `report.json`, `junit.xml`, `report.html`)
/// are views of this.
public struct ScenarioOutcome: Sendable {
    /// The run's overall verdict, which decides the exit code.
    public enum Verdict: String, Sendable, Codable {
        /// Every check and threshold passed: exit 0.
        case pass
        /// A check or threshold failed, or a part of the pipeline failed: exit 1.
        case fail
        /// The run was stopped before its end (Ctrl-C, SIGTERM): exit 4.
        case interrupted

        /// The process exit code of this verdict.
        public var exitCode: Int32 {
            switch self {
            case .pass: 0
            case .fail: 1
            case .interrupted: 4
            }
        }
    }

    public var scenario: Scenario
    /// The scenario file, as given.
    public var scenarioPath: String
    /// The run folder (`reports/<scenario>-<UTC time>/`).
    public var runFolder: String
    /// When the run started (wall clock).
    public var startedAt: Date
    /// The replay, its counters and the audit.
    public var replay: ReplayResult
    /// Every fault of the timeline (declared and drawn), in start order, with what actually happened.
    public var faults: [FaultRecord]
    /// The faults a `random:` block drew, for the report to print the schedule; empty without one.
    public var drawnFaults: [FaultSpec]
    public var checks: [CheckResult]
    public var thresholds: [ThresholdEvaluation]
    /// The health samples of the run, one a second, for charts.
    public var samples: [MetricSample]

    public init(
        scenario: Scenario,
        scenarioPath: String,
        runFolder: String,
        startedAt: Date,
        replay: ReplayResult,
        faults: [FaultRecord],
        drawnFaults: [FaultSpec],
        checks: [CheckResult],
        thresholds: [ThresholdEvaluation],
        samples: [MetricSample]
    ) {
        self.scenario = scenario
        self.scenarioPath = scenarioPath
        self.runFolder = runFolder
        self.startedAt = startedAt
        self.replay = replay
        self.faults = faults
        self.drawnFaults = drawnFaults
        self.checks = checks
        self.thresholds = thresholds
        self.samples = samples
    }

    /// Pass when every check and threshold passed, every fault could be applied and lifted, and no part failed;
    /// interrupted wins over all of them.
    public var verdict: Verdict {
        if replay.interrupted { return .interrupted }
        let failed =
            checks.contains { !$0.passed } || thresholds.contains { !$0.passed } || !replay.failures.isEmpty
            || faults.contains { $0.error != nil }
        return failed ? .fail : .pass
    }
}

/// One fault of a run: what the scenario asked for and what happened.
public struct FaultRecord: Sendable, Hashable {
    public var spec: FaultSpec
    /// `kafka.broker_down broker=1`: the kind and its parameters, for people.
    public var label: String
    /// Seconds from replay start when the fault was applied; `nil` if it never started (the replay ended first).
    public var startedSeconds: Double?
    /// Seconds from replay start when the fault was lifted; `nil` if it never started.
    public var endedSeconds: Double?
    /// Why applying or lifting the fault failed, if it did (an `exec` command's exit status, a broker the cluster
    /// does not have...).
    public var error: String?
    /// Seconds from the fault's end until the consumer lag was zero and throughput was back within 90% of its
    /// pre-fault rate; `nil` if that never happened before the run ended (or the fault never ran).
    public var recoverySeconds: Double?
    /// How recovery was judged: lag and throughput before and after, for the report.
    public var recoveryDetail: String
    /// Breaker and alert transitions seen from the fault's start until it recovered, one line each.
    public var transitions: [String]

    public init(spec: FaultSpec, label: String) {
        self.spec = spec
        self.label = label
        recoveryDetail = ""
        transitions = []
    }
}

/// One health sample (once a second) of a run, as the reports chart it.
public struct MetricSample: Sendable, Hashable, Codable {
    /// Seconds since the replay started.
    public var seconds: Double
    /// Events stored per second over the sample.
    public var throughput: Double
    /// Consumer lag at the sample.
    public var consumerLag: Double
    /// End-to-end latency p99 over the sample, in milliseconds; `nil` when nothing was stored in it.
    public var endToEndP99Ms: Double?
    /// Errors per event over the sample, in percent.
    public var errorRatePercent: Double
    /// The health score, 0-100.
    public var healthScore: Double

    public init(
        seconds: Double,
        throughput: Double,
        consumerLag: Double,
        endToEndP99Ms: Double?,
        errorRatePercent: Double,
        healthScore: Double
    ) {
        self.seconds = seconds
        self.throughput = throughput
        self.consumerLag = consumerLag
        self.endToEndP99Ms = endToEndP99Ms
        self.errorRatePercent = errorRatePercent
        self.healthScore = healthScore
    }
}
