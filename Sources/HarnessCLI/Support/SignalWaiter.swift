import Dispatch
import Foundation
import Synchronization

/// Turns SIGINT/SIGTERM into an awaitable event instead of killing the process, so commands shut down cleanly.
///
/// `@unchecked Sendable`: the dispatch sources are created once and only cancelled, both thread-safe operations.
final class SignalWaiter: @unchecked Sendable {
    private let sources: [DispatchSourceSignal]
    private let signals: [Int32]
    private let stream: AsyncStream<Int32>
    private let firstCaught: FirstSignal

    /// Starts catching `signals` now; their default action is disabled while this object lives.
    init(signals: [Int32]) {
        let (stream, continuation) = AsyncStream<Int32>.makeStream()
        let caught = FirstSignal()
        self.firstCaught = caught
        self.stream = stream
        self.signals = signals
        sources = signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                caught.record(number)
                continuation.yield(number)
            }
            source.resume()
            return source
        }
    }

    deinit {
        sources.forEach { $0.cancel() }
        signals.forEach { signal($0, SIG_DFL) }
    }

    /// The first signal caught so far, without waiting; nil if none came yet.
    var caught: Int32? {
        firstCaught.number
    }

    /// Every signal caught, in order; iterate it once.
    var all: AsyncStream<Int32> { stream }

    /// Waits for the first caught signal and returns its number.
    func wait() async -> Int32 {
        for await number in stream { return number }
        return SIGTERM
    }
}

/// The first signal number recorded, shared between the signal handlers and the waiter.
private final class FirstSignal: Sendable {
    private let value = Atomic<Int32>(0)

    func record(_ number: Int32) {
        _ = value.compareExchange(expected: 0, desired: number, ordering: .sequentiallyConsistent)
    }

    var number: Int32? {
        let number = value.load(ordering: .sequentiallyConsistent)
        return number == 0 ? nil : number
    }
}
