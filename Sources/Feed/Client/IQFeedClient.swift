import Foundation
import MarketData

/// The live IQFeed client: one connection per port (Level 1, and Level 2 unless depth is `none`), each with its own
/// reader thread, handing every line to a ``FeedLineSink``.
///
/// After any disconnect or 3 s without a `T` heartbeat, a connection reconnects with backoff and sends the protocol,
/// field selection and watches again; the outage reaches the sink as a `.gap`. Fatal (`.failed`) only when the very
/// first connect fails (wrong address, IQConnect not running), when the first connection sends neither a `T` nor
/// an `S` line (not IQConnect's port), or when the protocol is refused or answered with another version.
public final class IQFeedClient: Sendable {
    /// What the client connects to and asks for.
    public let configuration: IQFeedClientConfiguration
    private let connections: [FeedPortConnection]
    private let finished = DispatchGroup()

    /// Creates a client; nothing connects before ``start()``.
    public init(configuration: IQFeedClientConfiguration, sink: any FeedLineSink) {
        self.configuration = configuration
        self.connections = configuration.ports.map {
            FeedPortConnection(port: $0, configuration: configuration, sink: sink)
        }
    }

    /// Starts one reader thread per port.
    public func start() {
        for connection in connections {
            finished.enter()
            let thread = Thread { [finished] in
                connection.run()
                finished.leave()
            }
            thread.name = "iqfeed-\(connection.port.rawValue)"
            thread.start()
        }
    }

    /// Closes every connection and waits for the reader threads to end. Lines already handed to the sink stay
    /// there; nothing more arrives after this returns.
    public func stop() {
        for connection in connections { connection.stop() }
        finished.wait()
    }
}
