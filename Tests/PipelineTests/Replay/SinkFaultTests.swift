import Foundation
import Pipeline
import SystemSupport
import Testing

@Suite("Replay while the sink refuses or slows down", .serialized, .timeLimit(.minutes(3)))
struct SinkFaultTests {
    @Test("Batches the sink refuses are read again from Kafka: nothing lost, state rebuilt, equal to the reference")
    func refusedBatches() throws {
        let directory = try TemporaryDirectory()
        defer { try? directory.remove() }
        var configuration = replayConfiguration(capture: Fixtures.multiSymbol, in: directory)
        configuration.pace = .rate(4_000)
        let faults = SinkFaults()
        configuration.sinkFaults = faults
        let run = ReplayRun(configuration: configuration)
        startThread(named: "fault") {
            guard eventually(timeout: .seconds(60), { run.counters.stored.value >= 1_000 }) else { return }
            faults.failNextBatches(3)
        }
        let result = try run.run()
        expectClean(result, events: Fixtures.multiSymbolEvents)
        #expect(result.counters.sinkErrors.value >= 3)
    }

    @Test("A slow sink holds the source back to the window; everything is stored")
    func slowSinkAndSmallWindow() throws {
        let directory = try TemporaryDirectory()
        defer { try? directory.remove() }
        var configuration = replayConfiguration(capture: Fixtures.multiSymbol, in: directory)
        configuration.window = 500
        let faults = SinkFaults()
        faults.slowBatches(by: .milliseconds(20))
        configuration.sinkFaults = faults
        let run = ReplayRun(configuration: configuration)
        let result = try run.run()
        expectClean(result, events: Fixtures.multiSymbolEvents)
        #expect(result.counters.backpressureWaits.value > 0)
        #expect(result.statistics.windowWaitNs > 0)
    }
}
