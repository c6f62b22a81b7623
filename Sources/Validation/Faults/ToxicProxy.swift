import Foundation
import Synchronization
import SystemSupport

/// A TCP proxy on a loopback port in front of a server (Redis, ClickHouse, the feed), with Toxiproxy's toxics
/// switched on and off while it runs: the scenario runner's `net.latency`, `net.bandwidth`, `net.timeout` and
/// `net.reset`.
///
/// Each client connection gets its own upstream connection and a thread per direction that forwards what it
/// reads, applying the toxics active at that moment. Call ``stop()`` when done: the threads hold the proxy.
public final class ToxicProxy: Sendable {
    /// A toxic, as Toxiproxy names them.
    public enum Toxic: Sendable, Hashable {
        /// Every chunk waits this long before it is passed on, both ways.
        case latency(Duration)
        /// At most this many bytes a second pass each way.
        case bandwidth(bytesPerSecond: Int)
        /// Nothing passes while it is active (connections stay open, data waits); what waited passes when it ends.
        case timeout
        /// Every connection is reset (TCP RST to both ends) when it starts, and new ones while it is active.
        case reset
    }

    /// The port clients connect to.
    public let port: Int
    public let upstreamHost: String
    public let upstreamPort: Int
    private let listener: TCPListener
    private let state = Mutex<(toxics: [Toxic], connections: [Int: (TCPStream, TCPStream)], next: Int)>(([], [:], 0))
    private let stopping = Atomic<Bool>(false)
    private let threads = DispatchGroup()

    /// Listens on a free loopback port and forwards to `upstreamHost:upstreamPort`.
    public init(upstreamHost: String = "127.0.0.1", upstreamPort: Int) throws {
        listener = try TCPListener(port: 0)
        port = listener.port
        self.upstreamHost = upstreamHost
        self.upstreamPort = upstreamPort
        threads.enter()
        startThread(named: "proxy-accept") { [self] in
            acceptLoop()
            threads.leave()
        }
    }

    /// Switches `toxic` on (a `reset` acts at once on every open connection).
    public func add(_ toxic: Toxic) {
        let connections = state.withLock { state in
            state.toxics.append(toxic)
            return Array(state.connections.values)
        }
        if toxic == .reset {
            for (client, upstream) in connections {
                client.reset()
                upstream.reset()
            }
        }
    }

    /// Switches `toxic` off.
    public func remove(_ toxic: Toxic) {
        state.withLock { $0.toxics.removeAll { $0 == toxic } }
    }

    /// The toxics active now.
    public var toxics: [Toxic] { state.withLock { $0.toxics } }

    /// Stops accepting, closes every connection and waits for the threads.
    public func stop() {
        guard !stopping.exchange(true, ordering: .acquiringAndReleasing) else { return }
        listener.shutdown()
        for (client, upstream) in state.withLock({ Array($0.connections.values) }) {
            client.shutdown()
            upstream.shutdown()
        }
        threads.wait()
    }

    private func acceptLoop() {
        while !stopping.load(ordering: .acquiring) {
            guard let client = listener.accept(timeout: .milliseconds(100)) else { continue }
            guard let upstream = try? TCPStream.connect(host: upstreamHost, port: upstreamPort, timeout: .seconds(2))
            else {
                client.reset()
                continue
            }
            let (id, resetNow) = state.withLock { state in
                state.next += 1
                state.connections[state.next] = (client, upstream)
                return (state.next, state.toxics.contains(.reset))
            }
            if resetNow {
                client.reset()
                upstream.reset()
            }
            let finished = DispatchGroup()
            for (from, to, name) in [(client, upstream, "proxy-up"), (upstream, client, "proxy-down")] {
                threads.enter()
                finished.enter()
                startThread(named: name) { [self] in
                    pump(from: from, to: to)
                    finished.leave()
                    threads.leave()
                }
            }
            threads.enter()
            finished.notify(queue: .global()) { [self] in
                _ = state.withLock { $0.connections.removeValue(forKey: id) }
                threads.leave()
            }
        }
    }

    /// Forwards `from` → `to` until either end closes, then closes the other.
    private func pump(from: TCPStream, to: TCPStream) {
        var buffer = [UInt8](repeating: 0, count: 16_384)
        defer {
            to.shutdown()
            from.shutdown()
        }
        while !stopping.load(ordering: .relaxed) {
            let received = buffer.withUnsafeMutableBytes { from.receive(into: $0, timeout: .milliseconds(100)) }
            guard case .bytes(let count) = received else {
                if received == .closed { return }
                continue
            }
            while toxics.contains(.timeout), !stopping.load(ordering: .relaxed) {
                MonotonicClock.sleep(nanoseconds: 5_000_000)
            }
            // Each chunk waits its latency and the time its bytes take at the capped rate before it goes on, so B
            // bytes never arrive sooner than B / rate.
            for toxic in toxics {
                switch toxic {
                case .latency(let delay): MonotonicClock.sleep(nanoseconds: delay.nanoseconds)
                case .bandwidth(let rate) where rate > 0:
                    MonotonicClock.sleep(nanoseconds: Int64(count) * 1_000_000_000 / Int64(rate))
                default: break
                }
            }
            do {
                try buffer.withUnsafeBytes { try to.send(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
            } catch {
                return
            }
        }
    }
}
