import Pipeline
import Synchronization

/// Shows a replay's progress on one rewritten terminal line (nothing when stderr is not a terminal).
final class ProgressPrinter: Sendable {
    private let line = Mutex(ProgressLine())
    private let rate = Mutex(RateMeter())

    func show(_ progress: ReplayProgress) {
        let perSecond = rate.withLock { $0.perSecond(total: Int(progress.stored)) }
        let percent = progress.captureEvents > 0 ? progress.published * 100 / progress.captureEvents : 0
        let text =
            "\(progress.phase.rawValue): published \(progress.published)/\(progress.captureEvents) (\(percent)%) "
            + "acked \(progress.acked) stored \(progress.stored) lag \(progress.lag) \(perSecond)/s "
            + "\(progress.elapsedNs / 1_000_000_000)s"
        line.withLock { $0.update(text) }
    }

    func finish() {
        line.withLock { $0.finish() }
    }
}
