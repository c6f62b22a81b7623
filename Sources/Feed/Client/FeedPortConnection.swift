import Foundation
import MarketData
import Synchronization
import SystemSupport

/// One port of the live client: connect, handshake, read lines, watch the heartbeat, reconnect with backoff.
///
/// Runs on its own thread (``run()``) until ``stop()``. Every line goes to the sink; the connection only looks at
/// the few lines that change its state: `T` heartbeats, the field-list acknowledgement, a rejected protocol, and
/// IQConnect's own `S,SERVER DISCONNECTED` / `S,SERVER CONNECTED`.
final class FeedPortConnection: Sendable {
    let port: FeedPort
    private let configuration: IQFeedClientConfiguration
    private let sink: any FeedLineSink
    private let stopped = Atomic<Bool>(false)
    private let current = Mutex<TCPStream?>(nil)
    private let wakeUp = DispatchSemaphore(value: 0)

    init(port: FeedPort, configuration: IQFeedClientConfiguration, sink: any FeedLineSink) {
        self.port = port
        self.configuration = configuration
        self.sink = sink
    }

    /// Asks the loop to end: wakes a blocked receive or backoff wait.
    func stop() {
        stopped.store(true, ordering: .sequentiallyConsistent)
        current.withLock { $0?.shutdown() }
        wakeUp.signal()
    }

    private var isStopped: Bool { stopped.load(ordering: .sequentiallyConsistent) }

    /// The connection loop; returns after ``stop()`` or a fatal error (reported to the sink as `.failed`).
    func run() {
        let address = "\(configuration.host):\(configuration.tcpPort(for: port))"
        var attempt = 0
        var backoff = configuration.reconnectInitialBackoff
        var outageStart: Int64?
        var outageReason = ""
        let framer = LineFramer()
        while !isStopped {
            let stream: TCPStream
            do {
                stream = try TCPStream.connect(
                    host: configuration.host,
                    port: configuration.tcpPort(for: port),
                    timeout: configuration.connectTimeout
                )
            } catch {
                if attempt == 0 {
                    let message = "cannot reach IQFeed \(port) at \(address) (\(error)): is IQConnect running there?"
                    sink.handle(.failed(IQFeedClientError(kind: .unreachable, port: port, message: message)))
                    return
                }
                _ = wakeUp.wait(timeout: .now() + .nanoseconds(Int(backoff.nanoseconds)))
                backoff = min(backoff * 2, configuration.reconnectMaximumBackoff)
                continue
            }
            current.withLock { $0 = stream }
            if isStopped { break }
            do {
                try stream.send(configuration.handshake(for: port))
            } catch {
                continue
            }
            attempt += 1
            backoff = configuration.reconnectInitialBackoff
            if let start = outageStart {
                sink.handle(
                    .gap(
                        port: port,
                        startNanoseconds: start,
                        endNanoseconds: MonotonicClock.nanoseconds(),
                        reason: outageReason
                    )
                )
                outageStart = nil
            }
            sink.handle(.connected(port: port, attempt: attempt))
            let ending = read(from: stream, framer: framer)
            current.withLock { $0 = nil }
            stream.shutdown()
            let fragment = framer.takeRemainder()
            if !fragment.isEmpty { sink.receive(fragment, from: port) }
            switch ending {
            case .stopped:
                return
            case .failed(let error):
                sink.handle(.failed(error))
                return
            case .lost(let reason, let lastData):
                sink.handle(.disconnected(port: port, reason: reason))
                outageStart = lastData
                outageReason = reason
            }
        }
    }

    private enum Ending {
        case stopped
        case lost(reason: String, lastDataNanoseconds: Int64)
        case failed(IQFeedClientError)
    }

    /// Reads until the connection ends; returns why.
    private func read(from stream: TCPStream, framer: LineFramer) -> Ending {
        var watcher = LineWatcher(port: port, configuration: configuration)
        var lastHeartbeat = MonotonicClock.nanoseconds()
        var lastData = lastHeartbeat
        let heartbeatTimeout = configuration.heartbeatTimeout.nanoseconds
        while true {
            let received = framer.fill(from: stream, timeout: .milliseconds(200))
            if isStopped { return .stopped }
            let now = MonotonicClock.nanoseconds()
            switch received {
            case .closed:
                return .lost(reason: "IQFeed closed the connection", lastDataNanoseconds: lastData)
            case .timedOut:
                if now - lastHeartbeat > heartbeatTimeout {
                    let seconds = Double(heartbeatTimeout) / 1e9
                    return .lost(reason: "no heartbeat for \(seconds) s", lastDataNanoseconds: lastData)
                }
            case .bytes:
                lastData = now
                let lines = framer.takeLines()
                guard !lines.isEmpty else { continue }
                sink.receive(lines, from: port)
                for action in watcher.scan(lines, now: now) {
                    switch action {
                    case .heartbeat:
                        lastHeartbeat = now
                    case .fields(let names):
                        sink.handle(.fieldsAcknowledged(names))
                    case .protocolRejected(let text):
                        let message =
                            "IQFeed \(port) refused protocol \(configuration.protocolVersion): '\(text)'; "
                            + "upgrade IQConnect to a version that speaks \(configuration.protocolVersion)"
                        return .failed(IQFeedClientError(kind: .protocolRejected, port: port, message: message))
                    case .upstreamGap(let start, let end):
                        sink.handle(
                            .gap(
                                port: port,
                                startNanoseconds: start,
                                endNanoseconds: end,
                                reason: "IQConnect lost its server link"
                            )
                        )
                        try? stream.send(watcher.refreshCommands())
                    }
                }
            }
        }
    }
}
