import Dispatch
import Foundation

/// Turns SIGINT/SIGTERM into an awaitable event instead of killing the process, so commands shut down cleanly.
///
/// `@unchecked Sendable`: the dispatch sources are created once and only cancelled, both thread-safe operations.
final class SignalWaiter: @unchecked Sendable {
    private let sources: [DispatchSourceSignal]
    private let signals: [Int32]
    private let stream: AsyncStream<Int32>

    /// Starts catching `signals` now; their default action is disabled while this object lives.
    init(signals: [Int32]) {
        let (stream, continuation) = AsyncStream<Int32>.makeStream()
        self.stream = stream
        self.signals = signals
        sources = signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { continuation.yield(number) }
            source.resume()
            return source
        }
    }

    deinit {
        sources.forEach { $0.cancel() }
        signals.forEach { signal($0, SIG_DFL) }
    }

    /// Waits for the first caught signal and returns its number.
    func wait() async -> Int32 {
        for await number in stream { return number }
        return SIGTERM
    }
}
