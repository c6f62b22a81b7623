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
    ///
    /// Every reconnect waits its backoff first (doubling up to the maximum), and the backoff starts over only after a
    /// connection proved healthy by sending a `T` heartbeat, so a port that accepts and drops connections is not
    /// hammered. An outage still open when the loop ends is reported as a gap up to that moment.
    func run() {
        var attempt = 0
        var backoff = configuration.reconnectInitialBackoff
        var outage: (start: Int64, reason: String)?
        let framer = LineFramer()
        var watcher = LineWatcher(port: port, configuration: configuration)
        // Reports outages still open (before `.failed`, after which nothing more may come, or on a stop).
        func closeOpenOutages() {
            let now = MonotonicClock.nanoseconds()
            if let open = outage {
                sink.handle(
                    .gap(
                        port: port,
                        startNanoseconds: open.start,
                        endNanoseconds: now,
                        reason: open.reason + "; still down when the client stopped"
                    )
                )
                outage = nil
            }
            if let start = watcher.upstreamDownSince {
                sink.handle(
                    .gap(
                        port: port,
                        startNanoseconds: start,
                        endNanoseconds: now,
                        reason: "IQConnect lost its server link; still down when the client stopped"
                    )
                )
            }
        }
        func fail(_ error: IQFeedClientError) {
            closeOpenOutages()
            sink.handle(.failed(error))
        }
        defer { if isStopped { closeOpenOutages() } }
        while !isStopped {
            if attempt > 0 {
                _ = wakeUp.wait(timeout: .now() + .nanoseconds(Int(backoff.nanoseconds)))
                if isStopped { return }
            }
            let stream: TCPStream
            do {
                stream = try TCPStream.connect(
                    host: configuration.host,
                    port: configuration.tcpPort(for: port),
                    timeout: configuration.connectTimeout
                )
                current.withLock { $0 = stream }
                if isStopped { return }
                try stream.send(configuration.handshake(for: port))
            } catch {
                if attempt == 0 {
                    fail(unreachable(error))
                    return
                }
                backoff = min(backoff * 2, configuration.reconnectMaximumBackoff)
                continue
            }
            attempt += 1
            if let open = outage {
                sink.handle(
                    .gap(
                        port: port,
                        startNanoseconds: open.start,
                        endNanoseconds: MonotonicClock.nanoseconds(),
                        reason: open.reason
                    )
                )
                outage = nil
            }
            sink.handle(.connected(port: port, attempt: attempt))
            let ending = read(from: stream, framer: framer, watcher: &watcher)
            current.withLock { $0 = nil }
            stream.shutdown()
            let fragment = framer.discardPartialLine()
            switch ending.kind {
            case .stopped:
                return
            case .failed(let error):
                fail(error)
                return
            case .lost(let reason):
                if attempt == 1 && !watcher.sawIQConnect && reason.hasPrefix("no heartbeat") {
                    fail(silentPort())
                    return
                }
                let cut = fragment > 0 ? " (cutting off a partial line of \(fragment) bytes, not recorded)" : ""
                sink.handle(.disconnected(port: port, reason: reason + cut))
                outage = (ending.lastDataNanoseconds, reason + cut)
                backoff =
                    ending.sawHeartbeat
                    ? configuration.reconnectInitialBackoff
                    : min(backoff * 2, configuration.reconnectMaximumBackoff)
            }
        }
    }

    private func unreachable(_ error: Error) -> IQFeedClientError {
        let address = "\(configuration.host):\(configuration.tcpPort(for: port))"
        let message = "cannot reach IQFeed \(port) at \(address) (\(error)): is IQConnect running there?"
        return IQFeedClientError(kind: .unreachable, port: port, message: message)
    }

    private func silentPort() -> IQFeedClientError {
        let address = "\(configuration.host):\(configuration.tcpPort(for: port))"
        let seconds = Double(configuration.heartbeatTimeout.nanoseconds) / 1e9
        let message =
            "\(address) accepted the connection but sent neither a T heartbeat nor any S line in \(seconds) s: "
            + "is it IQConnect's \(port) port?"
        return IQFeedClientError(kind: .unreachable, port: port, message: message)
    }

    /// How a connection ended, and what it showed before.
    private struct Ending {
        enum Kind {
            case stopped
            case lost(reason: String)
            case failed(IQFeedClientError)
        }

        var kind: Kind
        var lastDataNanoseconds: Int64
        var sawHeartbeat: Bool
    }

    /// Reads until the connection ends; returns why.
    private func read(from stream: TCPStream, framer: LineFramer, watcher: inout LineWatcher) -> Ending {
        let connectedAt = MonotonicClock.nanoseconds()
        var lastHeartbeat = connectedAt
        var sawHeartbeat = false
        var lastData = connectedAt
        let heartbeatTimeout = configuration.heartbeatTimeout.nanoseconds
        func ending(_ kind: Ending.Kind) -> Ending {
            Ending(kind: kind, lastDataNanoseconds: lastData, sawHeartbeat: sawHeartbeat)
        }
        while true {
            let received = framer.fill(from: stream, timeout: .milliseconds(200))
            if isStopped { return ending(.stopped) }
            let now = MonotonicClock.nanoseconds()
            if case .closed = received { return ending(.lost(reason: "IQFeed closed the connection")) }
            if case .bytes = received {
                lastData = now
                let lines = framer.takeLines()
                if !lines.isEmpty {
                    sink.receive(lines, from: port)
                    for action in watcher.scan(lines, now: now) {
                        switch action {
                        case .heartbeat:
                            lastHeartbeat = now
                            sawHeartbeat = true
                        case .fields(let names):
                            sink.handle(.fieldsAcknowledged(names))
                        case .unknownSymbol(let symbol):
                            sink.handle(.unknownSymbol(port: port, symbol: symbol))
                        case .warning(let text):
                            sink.handle(.warning(port: port, message: text))
                        case .protocolRejected(let text):
                            let message =
                                "IQFeed \(port) refused protocol \(configuration.protocolVersion): '\(text)'; "
                                + "upgrade IQConnect to a version that speaks \(configuration.protocolVersion)"
                            return ending(
                                .failed(IQFeedClientError(kind: .protocolRejected, port: port, message: message))
                            )
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
            // Checked after every receive: data that keeps coming without heartbeats is not a live link either.
            if now - lastHeartbeat > heartbeatTimeout {
                let seconds = Double(heartbeatTimeout) / 1e9
                return ending(.lost(reason: "no heartbeat for \(seconds) s"))
            }
        }
    }
}
