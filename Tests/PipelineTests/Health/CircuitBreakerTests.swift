import Synchronization
import Testing

@testable import Pipeline

/// Collects the transitions a breaker reports.
final class TransitionLog: Sendable {
    private let entries = Mutex<[CircuitBreakerTransition]>([])

    var transitions: [CircuitBreakerTransition] { entries.withLock { $0 } }

    func breaker(failureThreshold: Int = 3, openDuration: Duration = .seconds(5)) -> CircuitBreaker {
        CircuitBreaker(name: "kafka", failureThreshold: failureThreshold, openDuration: openDuration) { transition in
            self.entries.withLock { $0.append(transition) }
        }
    }
}

@Suite("CircuitBreaker")
struct CircuitBreakerTests {
    @Test("consecutive failures up to the threshold open it; a success in between resets the count")
    func opensAfterThreshold() {
        let log = TransitionLog()
        let breaker = log.breaker()
        breaker.recordFailure(now: .seconds(1))
        breaker.recordFailure(now: .seconds(2))
        breaker.recordSuccess(now: .seconds(3))
        #expect(breaker.consecutiveFailures == 0)
        breaker.recordFailure(now: .seconds(4))
        breaker.recordFailure(now: .seconds(5))
        #expect(breaker.state == .closed)
        #expect(breaker.allowsRequest(now: .seconds(5)))
        breaker.recordFailure(now: .seconds(6), reason: "broker down")
        #expect(breaker.state == .open)
        #expect(
            log.transitions == [
                CircuitBreakerTransition(
                    name: "kafka",
                    from: .closed,
                    to: .open,
                    reason: "3 consecutive failures (last: broker down)",
                    time: .seconds(6)
                )
            ]
        )
        #expect(
            log.transitions[0].description
                == "circuit breaker kafka closed → open: 3 consecutive failures (last: broker down)"
        )
    }

    @Test("open refuses requests until openDuration has passed, then lets exactly one probe through")
    func probeAfterOpenDuration() {
        let log = TransitionLog()
        let breaker = log.breaker(failureThreshold: 1)
        breaker.recordFailure(now: .seconds(10))
        #expect(!breaker.allowsRequest(now: .seconds(10)))
        #expect(!breaker.allowsRequest(now: .seconds(15) - .nanoseconds(1)))
        #expect(breaker.allowsRequest(now: .seconds(15)))
        #expect(breaker.state == .halfOpen)
        #expect(!breaker.allowsRequest(now: .seconds(16)))
        #expect(
            log.transitions.last
                == CircuitBreakerTransition(
                    name: "kafka",
                    from: .open,
                    to: .halfOpen,
                    reason: "open for 5 s; probing",
                    time: .seconds(15)
                )
        )
    }

    @Test("a successful probe closes it")
    func probeSuccessCloses() {
        let log = TransitionLog()
        let breaker = log.breaker(failureThreshold: 1)
        breaker.recordFailure(now: .seconds(1))
        #expect(breaker.allowsRequest(now: .seconds(6)))
        breaker.recordSuccess(now: .milliseconds(6500))
        #expect(breaker.state == .closed)
        #expect(breaker.allowsRequest(now: .seconds(7)))
        #expect(log.transitions.map(\.to) == [.open, .halfOpen, .closed])
        #expect(log.transitions[2].reason == "probe succeeded")
        #expect(log.transitions[2].time == .milliseconds(6500))
        #expect(breaker.transitionCount == 3)
    }

    @Test("a failed probe opens it again for another openDuration from the failure")
    func probeFailureReopens() {
        let log = TransitionLog()
        let breaker = log.breaker(failureThreshold: 1)
        breaker.recordFailure(now: .seconds(1))
        #expect(breaker.allowsRequest(now: .seconds(6)))
        breaker.recordFailure(now: .seconds(7), reason: "timeout")
        #expect(breaker.state == .open)
        #expect(!breaker.allowsRequest(now: .seconds(11)))
        #expect(breaker.allowsRequest(now: .seconds(12)))
        #expect(log.transitions.map(\.to) == [.open, .halfOpen, .open, .halfOpen])
        #expect(log.transitions[2].reason == "probe failed (last: timeout)")
        #expect(breaker.transitionCount == 4)
    }

    @Test("a probe that never reports back is replaced after openDuration")
    func lostProbe() {
        let breaker = TransitionLog().breaker(failureThreshold: 1)
        breaker.recordFailure(now: .seconds(0))
        #expect(breaker.allowsRequest(now: .seconds(5)))
        #expect(!breaker.allowsRequest(now: .seconds(9)))
        #expect(breaker.allowsRequest(now: .seconds(10)))
        #expect(breaker.state == .halfOpen)
    }

    @Test("results of requests sent before it opened change nothing while open")
    func resultsWhileOpen() {
        let log = TransitionLog()
        let breaker = log.breaker(failureThreshold: 2)
        breaker.recordFailure(now: .seconds(1))
        breaker.recordFailure(now: .seconds(1))
        breaker.recordSuccess(now: .seconds(2))
        breaker.recordFailure(now: .seconds(3))
        #expect(breaker.state == .open)
        #expect(!breaker.allowsRequest(now: .seconds(5)))
        #expect(breaker.allowsRequest(now: .seconds(6)))
        #expect(log.transitions.count == 2)
    }

    @Test("failures reported from many tasks at once are all counted")
    func concurrentFailures() async {
        let breaker = TransitionLog().breaker(failureThreshold: 1000)
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<100 {
                group.addTask { breaker.recordFailure(now: .milliseconds(index)) }
            }
        }
        #expect(breaker.consecutiveFailures == 100)
        #expect(breaker.state == .closed)
    }
}
