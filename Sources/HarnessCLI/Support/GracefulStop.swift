import Foundation
import SystemSupport

/// How `replay` stops on Ctrl-C or SIGTERM: the first signal drains what was published, a second stops at once.
enum GracefulStop {
    /// Watches SIGINT and SIGTERM until the returned task is cancelled, calling `stop(force)` for each signal with
    /// `force` set from the second on.
    static func watch(_ stop: @escaping @Sendable (_ force: Bool) -> Void) -> Task<Void, Never> {
        let signals = SignalWaiter(signals: [SIGINT, SIGTERM])
        return Task {
            var count = 0
            for await _ in signals.all {
                count += 1
                Console.error(
                    count == 1 ? "\nstopping: draining what was published (Ctrl-C again to stop now)" : "\nstopping now"
                )
                stop(count > 1)
            }
        }
    }

    /// Runs the blocking `body` on its own thread with a progress printer, and awaits its result.
    static func runBlocking<Result: Sendable>(
        named name: String,
        _ body: @escaping @Sendable (ProgressPrinter) throws -> Result
    ) async throws -> Result {
        try await awaitThread(named: name) {
            let progress = ProgressPrinter()
            defer { progress.finish() }
            return try body(progress)
        }
    }
}
