import SystemSupport

/// One HTTP/1.1 keep-alive connection over a ``TCPStream``: it writes a request and reads the whole response
/// (framed by `Content-Length`, chunked, or by the server closing).
///
/// Not thread-safe: one thread at a time may use it.
final class HTTPConnection: @unchecked Sendable {
    // @unchecked: its mutable state is only touched inside ``ClickHouseClient``'s mutex, or by the one thread of a
    // readiness check that owns it; Sendable lets that mutex hand it to a closure that also borrows a request body.
    /// `host:port`, for messages.
    let peer: String
    /// The limit for connecting and for each wait for bytes from the server.
    let timeout: Duration
    /// Whether a request has gone out on this connection (so the server may have closed it since).
    private(set) var hasExchanged = false
    /// Whether the last response left the connection open for another request.
    var keepAlive = true
    /// When the server may close the idle connection (`MonotonicClock` nanoseconds); it is not reused after that.
    var idleDeadline: Int64

    let stream: TCPStream
    /// Received bytes; `buffer[start..<end]` is not consumed yet.
    var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    var start = 0
    var end = 0
    /// Whether any byte of the response being read has arrived.
    var receivedAny = false

    /// How long ClickHouse keeps an idle connection when its answer does not say (`keep_alive_timeout`, 3 s).
    static let defaultKeepAlive = Duration.seconds(3)

    /// Connects to `host:port`.
    ///
    /// - Throws: ``HTTPFailure/connect(_:)`` with the reason (refused, timed out, unknown host).
    init(host: String, port: Int, timeout: Duration) throws(HTTPFailure) {
        do {
            stream = try TCPStream.connect(host: host, port: port, timeout: timeout)
        } catch {
            throw .connect((error as? SystemSupportError)?.message ?? "\(error)")
        }
        peer = stream.peer
        self.timeout = timeout
        idleDeadline = Self.deadline(keepAlive: Self.defaultKeepAlive)
    }

    /// Whether the next request can use this connection: the last answer allowed keep-alive, the server's idle
    /// timeout has not (nearly) passed, and the server has neither closed the connection nor sent anything unasked.
    var isReusable: Bool {
        guard keepAlive, MonotonicClock.nanoseconds() < idleDeadline else { return false }
        var probe: UInt8 = 0
        return withUnsafeMutableBytes(of: &probe) { stream.receive(into: $0, timeout: .zero) } == .timedOut
    }

    /// Sends `head` (the request line and header fields, ending in an empty line) and `body`, then reads the answer.
    ///
    /// If sending fails, an answer the server gave before closing (an error about the request, say) is still
    /// returned when it arrived complete.
    ///
    /// - Throws: ``HTTPFailure``: `.notSent` when sending failed and nothing was answered, `.lost` when the
    ///   connection closed in the middle of the answer, `.timedOut`, or `.malformed`.
    func exchange(head: [UInt8], body: UnsafeRawBufferPointer) throws(HTTPFailure) -> HTTPResponse {
        hasExchanged = true
        keepAlive = false
        receivedAny = false
        do {
            try head.withUnsafeBytes { try stream.send($0) }
            if body.count > 0 {
                try stream.send(body)
            }
        } catch {
            let reason = (error as? SystemSupportError)?.message ?? "\(error)"
            do {
                return try readResponse(wait: .zero)
            } catch {
                throw receivedAny ? .lost(reason) : .notSent(reason)
            }
        }
        return try readResponse(wait: timeout)
    }

    /// The monotonic time until which a connection may sit idle when the server keeps idle connections for
    /// `keepAlive`: two thirds of it, so it is never reused just as the server closes it.
    static func deadline(keepAlive: Duration) -> Int64 {
        MonotonicClock.deadline(after: keepAlive.nanoseconds / 3 * 2)
    }
}
