import SystemSupport

/// The run's circuit breakers around Kafka, Redis and the sink. Every transition is logged to standard error and
/// kept in the run database.
final class BreakerSet: Sendable {
    let kafka: CircuitBreaker
    let redis: CircuitBreaker
    let sink: CircuitBreaker

    init(runDatabase: RunDatabase?, log: @escaping @Sendable (String) -> Void = { _ in }) {
        let record: @Sendable (CircuitBreakerTransition) -> Void = { transition in
            log("breaker \(transition)")
            runDatabase?.recordTransition(
                atNs: MonotonicClock.unixNanoseconds(),
                kind: "breaker",
                name: transition.name,
                from: transition.from.rawValue,
                to: transition.to.rawValue,
                reason: transition.reason
            )
        }
        kafka = CircuitBreaker(name: "kafka", failureThreshold: 3, openDuration: .seconds(1), onTransition: record)
        redis = CircuitBreaker(
            name: "redis",
            failureThreshold: 1,
            openDuration: .milliseconds(500),
            onTransition: record
        )
        sink = CircuitBreaker(name: "sink", failureThreshold: 3, openDuration: .milliseconds(500), onTransition: record)
    }
}

extension Duration {
    /// The monotonic clock now, as a duration since its fixed point: what the breakers take as `now`.
    static var monotonicNow: Duration { .nanoseconds(MonotonicClock.nanoseconds()) }
}
