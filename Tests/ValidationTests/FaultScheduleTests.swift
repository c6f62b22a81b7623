import Testing
import Validation

@Suite("Random fault schedules")
struct FaultScheduleTests {
    let settings = RandomFaults(
        seed: 42,
        count: 5,
        kinds: [.kafkaBrokerDown, .sinkSlow, .redisDown, .netLatency],
        minimumGap: .seconds(2)
    )

    @Test("The same seed gives the same schedule; another seed another one")
    func reproducible() {
        let first = FaultSchedule.draw(settings, over: .seconds(60))
        #expect(first == FaultSchedule.draw(settings, over: .seconds(60)))
        var other = settings
        other.seed = 43
        #expect(first != FaultSchedule.draw(other, over: .seconds(60)))
    }

    @Test("Faults come in order, inside the middle of the span, apart by the gap, with their parameters")
    func shape() {
        let faults = FaultSchedule.draw(settings, over: .seconds(60))
        #expect(faults.count == 5)
        var previousEnd = Duration.zero
        for fault in faults {
            guard case .at(let start) = fault.start else {
                Issue.record("a drawn fault starts at a time")
                continue
            }
            #expect(start >= .seconds(6) && start + fault.length <= .seconds(54))
            #expect(FaultSchedule.lengths.contains(fault.length))
            #expect(previousEnd == .zero || start >= previousEnd + .seconds(2))
            previousEnd = start + fault.length
            for (name, required) in fault.kind.parameters where required {
                #expect(fault.parameters[name] != nil, "\(fault.kind.rawValue) has \(name)")
            }
        }
    }

    @Test("A span too short for the faults and their gaps gives none rather than overlapping ones")
    func tooShort() {
        #expect(FaultSchedule.draw(settings, over: .seconds(5)).isEmpty)
    }

    @Test("exec cannot be drawn at random")
    func execRefused() {
        let yaml = "name: x\ncapture: c\nfaults:\n  - random: { seed: 1, count: 2, kinds: [exec] }\n"
        #expect(throws: ScenarioError.self) { try ScenarioParser.parse(yaml, file: "s.yaml") }
    }
}
