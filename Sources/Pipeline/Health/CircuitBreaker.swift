import Synchronization

/// A circuit breaker around calls to one dependency ("kafka", "redis", "sink"): after repeated failures it stops
/// calls for a while, then lets one probe through to see whether the dependency is back.
///
/// - **closed**: every request is allowed; ``failureThreshold`` consecutive failures open the breaker (a success
///   resets the count).
/// - **open**: no request is allowed until ``openDuration`` has passed since it opened; the first
///   ``allowsRequest(now:)`` after that moves to half-open and allows that one request, the probe.
/// - **halfOpen**: only the probe is out; its success closes the breaker, its failure opens it again for another
///   ``openDuration``. A probe that has not reported back within ``openDuration`` counts as lost, and the next
///   request becomes a new probe.
///
/// Results reported while open (from requests allowed before it opened) change nothing.
///
/// Time is passed in as `now`, a reading of a monotonic clock as a duration since any fixed origin (for example
/// `ContinuousClock.now - start`), so the breaker has no clock of its own and tests are exact. Every transition is
/// counted in ``transitionCount`` and passed to `onTransition`, called after the breaker's lock is released, on
/// the thread that caused it; the caller logs it. Safe to use from any thread.
public final class CircuitBreaker: Sendable {
    /// The breaker's state.
    public enum State: String, Sendable, Hashable, Codable {
        /// Requests flow.
        case closed
        /// Requests are refused until the open period ends.
        case open
        /// One probe request is allowed; its result decides.
        case halfOpen = "half-open"
    }

    /// The name the breaker reports under, such as `kafka`.
    public let name: String
    /// How many consecutive failures open the breaker; at least 1.
    public let failureThreshold: Int
    /// How long the breaker stays open before it lets a probe through.
    public let openDuration: Duration

    private let onTransition: @Sendable (CircuitBreakerTransition) -> Void
    private let inner: Mutex<Inner>

    private struct Inner {
        var state = State.closed
        var consecutiveFailures = 0
        /// When the breaker last opened, or when the outstanding probe was let through.
        var since = Duration.zero
        var probeOutstanding = false
        var transitionCount = 0
    }

    /// A closed breaker.
    ///
    /// - Parameters:
    ///   - name: The dependency's name for transitions and logs.
    ///   - failureThreshold: Consecutive failures that open the breaker; default 5; below 1 counts as 1.
    ///   - openDuration: How long the breaker stays open before a probe; default 5 seconds.
    ///   - onTransition: Called with every transition, outside the breaker's lock.
    public init(
        name: String,
        failureThreshold: Int = 5,
        openDuration: Duration = .seconds(5),
        onTransition: @escaping @Sendable (CircuitBreakerTransition) -> Void = { _ in }
    ) {
        self.name = name
        self.failureThreshold = Swift.max(1, failureThreshold)
        self.openDuration = openDuration
        self.onTransition = onTransition
        inner = Mutex(Inner())
    }

    /// The current state.
    public var state: State {
        inner.withLock { $0.state }
    }

    /// Consecutive failures counted while closed.
    public var consecutiveFailures: Int {
        inner.withLock { $0.consecutiveFailures }
    }

    /// How many transitions the breaker has made.
    public var transitionCount: Int {
        inner.withLock { $0.transitionCount }
    }

    /// Whether a request may go out at `now`; when the open period has ended this moves the breaker to half-open
    /// and the request allowed is the probe.
    public func allowsRequest(now: Duration) -> Bool {
        let (allowed, transition) = inner.withLock { inner -> (Bool, CircuitBreakerTransition?) in
            switch inner.state {
            case .closed:
                return (true, nil)
            case .open:
                guard now - inner.since >= openDuration else { return (false, nil) }
                inner.probeOutstanding = true
                inner.since = now
                let transition = move(
                    &inner,
                    to: .halfOpen,
                    reason: "open for \(Formatting.seconds(openDuration)); probing",
                    now
                )
                return (true, transition)
            case .halfOpen:
                guard !inner.probeOutstanding || now - inner.since >= openDuration else { return (false, nil) }
                inner.probeOutstanding = true
                inner.since = now
                return (true, nil)
            }
        }
        if let transition {
            onTransition(transition)
        }
        return allowed
    }

    /// Reports that a request allowed earlier succeeded; a successful probe closes the breaker.
    public func recordSuccess(now: Duration) {
        let transition = inner.withLock { inner -> CircuitBreakerTransition? in
            switch inner.state {
            case .closed:
                inner.consecutiveFailures = 0
                return nil
            case .open:
                return nil
            case .halfOpen:
                inner.consecutiveFailures = 0
                inner.probeOutstanding = false
                return move(&inner, to: .closed, reason: "probe succeeded", now)
            }
        }
        if let transition {
            onTransition(transition)
        }
    }

    /// Reports that a request allowed earlier failed, with what went wrong if known; the threshold's consecutive
    /// failure, or a failed probe, opens the breaker.
    public func recordFailure(now: Duration, reason: String? = nil) {
        let detail = reason.map { " (last: \($0))" } ?? ""
        let transition = inner.withLock { inner -> CircuitBreakerTransition? in
            switch inner.state {
            case .closed:
                inner.consecutiveFailures += 1
                guard inner.consecutiveFailures >= failureThreshold else { return nil }
                inner.since = now
                let count = inner.consecutiveFailures
                inner.consecutiveFailures = 0
                return move(&inner, to: .open, reason: "\(count) consecutive failures\(detail)", now)
            case .open:
                return nil
            case .halfOpen:
                inner.probeOutstanding = false
                inner.since = now
                return move(&inner, to: .open, reason: "probe failed\(detail)", now)
            }
        }
        if let transition {
            onTransition(transition)
        }
    }

    private func move(
        _ inner: inout Inner,
        to state: State,
        reason: String,
        _ now: Duration
    ) -> CircuitBreakerTransition {
        let transition = CircuitBreakerTransition(name: name, from: inner.state, to: state, reason: reason, time: now)
        inner.state = state
        inner.transitionCount += 1
        return transition
    }
}

/// A change of a ``CircuitBreaker``'s state, for the caller to log and reports to count.
public struct CircuitBreakerTransition: Sendable, Hashable, CustomStringConvertible {
    /// The breaker's name, such as `kafka`.
    public var name: String
    /// The state before.
    public var from: CircuitBreaker.State
    /// The state after.
    public var to: CircuitBreaker.State
    /// Why, such as `5 consecutive failures (last: broker down)` or `probe succeeded`.
    public var reason: String
    /// The `now` passed to the call that caused it.
    public var time: Duration

    /// A transition with the given parts.
    public init(name: String, from: CircuitBreaker.State, to: CircuitBreaker.State, reason: String, time: Duration) {
        self.name = name
        self.from = from
        self.to = to
        self.reason = reason
        self.time = time
    }

    /// `circuit breaker kafka closed → open: 5 consecutive failures`.
    public var description: String {
        "circuit breaker \(name) \(from.rawValue) → \(to.rawValue): \(reason)"
    }
}
