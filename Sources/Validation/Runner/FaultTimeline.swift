import Foundation
import Pipeline
import Synchronization
import SystemSupport

/// Runs a scenario's faults against a replay: each starts `at:` a time after the replay started (on the timeline's
/// own thread) or `at_event:` a capture seq (on the replay's thread, just before that event is published, so it is
/// deterministic), lasts `for:`, and is lifted again. Every start and stop is kept with its actual time.
final class FaultTimeline: Sendable {
    private enum Status {
        case planned
        case active(FaultAction.Undo, liftAtNs: Int64)
        case busy
        case done
    }

    private struct State {
        var records: [FaultRecord]
        var statuses: [Status]
        var originNs: Int64?
        var stopping = false
    }

    private let state: Mutex<State>
    private let targets: FaultTargets
    private let log: @Sendable (String) -> Void
    private let finished = DispatchSemaphore(value: 0)

    /// `faults` in any order; `log` gets one line per start and stop.
    init(faults: [FaultSpec], targets: FaultTargets, log: @escaping @Sendable (String) -> Void) {
        state = Mutex(
            State(
                records: faults.map { FaultRecord(spec: $0, label: ReportFormat.label($0)) },
                statuses: Array(repeating: .planned, count: faults.count)
            )
        )
        self.targets = targets
        self.log = log
    }

    /// Starts the clock of `at:` faults: the replay starts now.
    func start() {
        state.withLock { $0.originNs = MonotonicClock.nanoseconds() }
        startThread(named: "fault-timeline") { [self] in
            while !state.withLock({ $0.stopping }) {
                step()
                MonotonicClock.sleep(nanoseconds: 2_000_000)
            }
            finished.signal()
        }
    }

    /// The replay's `beforeEvent` hook: starts the `at_event:` faults due at `seq`.
    func eventReached(_ seq: Int64) {
        let due = state.withLock { state -> [Int] in
            guard state.originNs != nil else { return [] }
            return state.records.indices.filter { index in
                guard case .planned = state.statuses[index], case .atEvent(let at) = state.records[index].spec.start
                else { return false }
                return seq >= at
            }
        }
        due.forEach(apply)
    }

    /// Seconds from the replay's start to monotonic time `ns`; `nil` before the replay started.
    func seconds(atNs ns: Int64) -> Double? {
        state.withLock { $0.originNs }.map { Double(ns - $0) / 1e9 }
    }

    /// Stops the timeline: lifts every fault still active and returns what happened to each, in start order. A
    /// fault that never started (the replay ended before its time or its event) carries that as its error: the
    /// scenario did not test what it says.
    func finish() -> [FaultRecord] {
        let running = state.withLock { state -> Bool in
            let wasRunning = state.originNs != nil && !state.stopping
            state.stopping = true
            return wasRunning
        }
        if running { finished.wait() }
        let active = state.withLock { state in
            state.records.indices.filter { if case .active = state.statuses[$0] { true } else { false } }
        }
        active.forEach(lift)
        return state.withLock { state in
            for index in state.records.indices where state.records[index].startedSeconds == nil {
                state.records[index].error =
                    "never started: the replay ended before its \(ReportFormat.start(state.records[index].spec.start))"
            }
            return state.records.sorted { ($0.startedSeconds ?? .infinity) < ($1.startedSeconds ?? .infinity) }
        }
    }

    private func step() {
        let now = MonotonicClock.nanoseconds()
        let (starts, lifts) = state.withLock { state -> ([Int], [Int]) in
            guard let origin = state.originNs else { return ([], []) }
            var starts: [Int] = []
            var lifts: [Int] = []
            for index in state.records.indices {
                switch state.statuses[index] {
                case .planned:
                    if case .at(let at) = state.records[index].spec.start, origin + at.nanoseconds <= now {
                        starts.append(index)
                    }
                case .active(_, let liftAt) where liftAt <= now: lifts.append(index)
                default: break
                }
            }
            return (starts, lifts)
        }
        lifts.forEach(lift)
        starts.forEach(apply)
    }

    private func apply(_ index: Int) {
        let spec = state.withLock { state -> FaultSpec? in
            guard case .planned = state.statuses[index] else { return nil }
            state.statuses[index] = .busy
            return state.records[index].spec
        }
        guard let spec else { return }
        let startedNs = MonotonicClock.nanoseconds()
        let outcome = Result { try FaultAction.apply(spec, to: targets) }
        let started = seconds(atNs: startedNs) ?? 0
        state.withLock { state in
            state.records[index].startedSeconds = started
            switch outcome {
            case .success(let undo):
                state.statuses[index] = .active(undo, liftAtNs: startedNs + spec.length.nanoseconds)
            case .failure(let error):
                state.records[index].error = "could not start: \(error)"
                state.records[index].endedSeconds = started
                state.statuses[index] = .done
            }
        }
        switch outcome {
        case .success: log("fault \(ReportFormat.label(spec)) started at \(Self.format(started))")
        case .failure(let error): log("fault \(ReportFormat.label(spec)) could not start: \(error)")
        }
    }

    private func lift(_ index: Int) {
        let undo = state.withLock { state -> FaultAction.Undo? in
            guard case .active(let undo, _) = state.statuses[index] else { return nil }
            state.statuses[index] = .busy
            return undo
        }
        guard let undo else { return }
        let outcome = Result { try FaultAction.lift(undo, on: targets) }
        let ended = seconds(atNs: MonotonicClock.nanoseconds()) ?? 0
        let label = state.withLock { state in
            state.records[index].endedSeconds = ended
            if case .failure(let error) = outcome { state.records[index].error = "could not end: \(error)" }
            state.statuses[index] = .done
            return state.records[index].label
        }
        switch outcome {
        case .success: log("fault \(label) ended at \(Self.format(ended))")
        case .failure(let error): log("fault \(label) could not end: \(error)")
        }
    }

    static func format(_ seconds: Double) -> String {
        String(format: "%.2fs", seconds)
    }
}
