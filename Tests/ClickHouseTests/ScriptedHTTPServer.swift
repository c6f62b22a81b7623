import Dispatch
import Foundation
import Synchronization
import SystemSupport

/// A loopback server that answers each HTTP request with the next scripted reply, to test the client's HTTP layer
/// (framing, keep-alive, errors) without ClickHouse. It serves one connection at a time on its own thread.
final class ScriptedHTTPServer: Sendable {
    /// What to do with one request.
    struct Reply: Sendable {
        /// The bytes to send, in separate writes.
        var parts: [String]
        /// Whether to close the connection after sending.
        var close = false
    }

    /// The port it listens on.
    var port: Int { listener.port }

    private struct State {
        var replies: [Reply]
        var requests: [String] = []
        var connections = 0
        var stopped = false
    }

    private let listener: TCPListener
    private let state: Mutex<State>
    private let closed = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    /// Starts serving `replies` in order; a request after the last one is never answered.
    init(replies: [Reply]) throws {
        listener = try TCPListener(port: 0)
        state = Mutex(State(replies: replies))
        Thread.detachNewThread { [self] in
            serve()
            finished.signal()
        }
    }

    /// Each request received so far: its head and body as text.
    var requests: [String] { state.withLock { $0.requests } }

    /// How many connections it has accepted.
    var connections: Int { state.withLock { $0.connections } }

    /// Blocks until the server has closed a connection after a reply marked `close` (at most 5 seconds).
    func waitForClose() -> Bool {
        closed.wait(timeout: .now() + 5) == .success
    }

    /// Stops serving and waits for the serving thread to end.
    func stop() {
        state.withLock { $0.stopped = true }
        listener.shutdown()
        finished.wait()
    }

    private var isStopped: Bool { state.withLock { $0.stopped } }

    private func serve() {
        while !isStopped {
            guard let stream = listener.accept(timeout: .milliseconds(100)) else { continue }
            state.withLock { $0.connections += 1 }
            serve(stream)
        }
    }

    private func serve(_ stream: TCPStream) {
        var pending: [UInt8] = []
        while let request = readRequest(stream, pending: &pending) {
            let reply = state.withLock { state -> Reply? in
                state.requests.append(request)
                return state.replies.isEmpty ? nil : state.replies.removeFirst()
            }
            guard let reply else {
                while !isStopped && readMore(stream, into: &pending) {}
                return
            }
            for part in reply.parts {
                try? stream.send(part)
            }
            if reply.close {
                stream.shutdown()
                closed.signal()
                return
            }
        }
    }

    /// Reads one request (head, then a `Content-Length` body); nil when the client closed or the server stopped.
    private func readRequest(_ stream: TCPStream, pending: inout [UInt8]) -> String? {
        let separator = Array("\r\n\r\n".utf8)
        while true {
            if let headEnd = pending.indices.first(where: { pending[$0...].starts(with: separator) }) {
                let head = String(decoding: pending[..<headEnd], as: UTF8.self)
                let length =
                    head.split(separator: "\r\n")
                    .first { $0.lowercased().hasPrefix("content-length:") }
                    .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
                let total = headEnd + separator.count + length
                while pending.count < total {
                    guard readMore(stream, into: &pending) else { return nil }
                }
                let request = String(decoding: pending[..<total], as: UTF8.self)
                pending.removeFirst(total)
                return request
            }
            guard readMore(stream, into: &pending) else { return nil }
        }
    }

    /// Appends what arrives within 100 ms; false when the client closed or the server stopped.
    private func readMore(_ stream: TCPStream, into pending: inout [UInt8]) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let received = chunk.withUnsafeMutableBytes { stream.receive(into: $0, timeout: .milliseconds(100)) }
        switch received {
        case .bytes(let count):
            pending += chunk[..<count]
            return true
        case .timedOut:
            return !isStopped
        case .closed:
            return false
        }
    }
}
