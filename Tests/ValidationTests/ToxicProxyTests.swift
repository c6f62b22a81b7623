import Foundation
import SystemSupport
import Testing
import Validation

/// A loopback server that sends back whatever it receives, for the proxy to stand in front of.
final class EchoServer: Sendable {
    let listener: TCPListener

    init() throws {
        listener = try TCPListener(port: 0)
        startThread(named: "echo") { [listener] in
            while let client = listener.accept(timeout: .seconds(30)) {
                startThread(named: "echo-client") {
                    var buffer = [UInt8](repeating: 0, count: 65_536)
                    while case .bytes(let count) = buffer.withUnsafeMutableBytes({
                        client.receive(into: $0, timeout: .seconds(30))
                    }) {
                        try? buffer.withUnsafeBytes { try client.send(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
                    }
                }
            }
        }
    }

    func stop() { listener.shutdown() }
}

/// Reads exactly `count` bytes or what came before `timeout`.
func receive(_ count: Int, from stream: TCPStream, timeout: Duration) -> [UInt8] {
    var received: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65_536)
    let deadline = MonotonicClock.deadline(after: timeout.nanoseconds)
    while received.count < count, MonotonicClock.nanoseconds() < deadline {
        let left = Duration.nanoseconds(max(1_000_000, deadline - MonotonicClock.nanoseconds()))
        guard case .bytes(let got) = buffer.withUnsafeMutableBytes({ stream.receive(into: $0, timeout: left) }) else {
            break
        }
        received += buffer[..<got]
    }
    return received
}

@Suite("TCP proxy with toxics", .serialized, .timeLimit(.minutes(1)))
struct ToxicProxyTests {
    @Test("Without toxics bytes pass both ways unchanged")
    func passesThrough() throws {
        let echo = try EchoServer()
        defer { echo.stop() }
        let proxy = try ToxicProxy(upstreamPort: echo.listener.port)
        defer { proxy.stop() }
        let client = try TCPStream.connect(host: "127.0.0.1", port: proxy.port, timeout: .seconds(2))
        let payload = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try payload.withUnsafeBytes { try client.send($0) }
        #expect(receive(payload.count, from: client, timeout: .seconds(10)) == payload)
    }

    @Test("Latency delays a round trip by at least twice the toxic; bandwidth caps the rate")
    func latencyAndBandwidth() throws {
        let echo = try EchoServer()
        defer { echo.stop() }
        let proxy = try ToxicProxy(upstreamPort: echo.listener.port)
        defer { proxy.stop() }
        let client = try TCPStream.connect(host: "127.0.0.1", port: proxy.port, timeout: .seconds(2))
        proxy.add(.latency(.milliseconds(150)))
        var start = MonotonicClock.nanoseconds()
        try client.send("ping")
        #expect(receive(4, from: client, timeout: .seconds(10)) == Array("ping".utf8))
        #expect(MonotonicClock.nanoseconds() - start >= 300_000_000)
        proxy.remove(.latency(.milliseconds(150)))
        proxy.add(.bandwidth(bytesPerSecond: 100_000))
        let payload = [UInt8](repeating: 7, count: 50_000)
        start = MonotonicClock.nanoseconds()
        try payload.withUnsafeBytes { try client.send($0) }
        #expect(receive(payload.count, from: client, timeout: .seconds(20)) == payload)
        #expect(MonotonicClock.nanoseconds() - start >= 500_000_000)
    }

    @Test("Timeout holds the data while active and lets it through after; reset aborts the connection")
    func timeoutAndReset() throws {
        let echo = try EchoServer()
        defer { echo.stop() }
        let proxy = try ToxicProxy(upstreamPort: echo.listener.port)
        defer { proxy.stop() }
        let client = try TCPStream.connect(host: "127.0.0.1", port: proxy.port, timeout: .seconds(2))
        proxy.add(.timeout)
        try client.send("held")
        #expect(receive(4, from: client, timeout: .milliseconds(300)).isEmpty)
        proxy.remove(.timeout)
        #expect(receive(4, from: client, timeout: .seconds(10)) == Array("held".utf8))
        proxy.add(.reset)
        var byte: UInt8 = 0
        let after = withUnsafeMutableBytes(of: &byte) { client.receive(into: $0, timeout: .seconds(10)) }
        #expect(after == .closed)
    }
}
