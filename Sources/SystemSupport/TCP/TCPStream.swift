#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A connected TCP socket with blocking sends and receives that can time out.
///
/// One thread may receive while another sends (POSIX allows both on one descriptor). ``shutdown()`` wakes a
/// blocked receiver from any thread; the descriptor itself is closed only when the stream is released, so it can
/// never be reused under a thread still polling it.
public final class TCPStream: @unchecked Sendable {
    // @unchecked: `descriptor` never changes after init and is closed only in deinit, when no thread can use it.
    private let descriptor: Int32
    /// `host:port` of the other end, for messages.
    public let peer: String

    init(descriptor: Int32, peer: String) {
        self.descriptor = descriptor
        self.peer = peer
        var one: Int32 = 1
        setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    }

    deinit {
        close(descriptor)
    }

    /// What a receive returned.
    public enum Received: Sendable, Equatable {
        /// This many bytes were stored at the start of the buffer.
        case bytes(Int)
        /// The peer closed its side (or the connection was reset or shut down): no more data will come.
        case closed
        /// Nothing arrived within the timeout.
        case timedOut
    }

    /// Waits up to `timeout` for data and stores what is available (at most `buffer.count` bytes).
    public func receive(into buffer: UnsafeMutableRawBufferPointer, timeout: Duration) -> Received {
        var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let ready = poll(&request, 1, Int32(clamping: timeout.milliseconds))
        if ready == 0 { return .timedOut }
        if ready < 0 { return errno == EINTR ? .timedOut : .closed }
        let count = recv(descriptor, buffer.baseAddress, buffer.count, 0)
        if count > 0 { return .bytes(count) }
        if count < 0 && (errno == EINTR || errno == EAGAIN) { return .timedOut }
        return .closed
    }

    /// Sends every byte, retrying short writes.
    ///
    /// - Throws: ``SystemSupportError`` of kind `.connectionLost` when the peer has gone.
    public func send(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = socketSend(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if sent < 0 {
                if errno == EINTR { continue }
                throw SystemSupportError(.connectionLost, "could not send to \(peer): \(errnoText())")
            }
            offset += sent
        }
    }

    /// Sends the UTF-8 bytes of `text`.
    public func send(_ text: String) throws {
        var text = text
        try text.withUTF8 { try send(UnsafeRawBufferPointer($0)) }
    }

    /// Stops both directions: a blocked ``receive(into:timeout:)`` returns `.closed` and the peer sees end of file
    /// after the data already sent.
    public func shutdown() {
        socketShutdown(descriptor)
    }

    /// Aborts the connection with a TCP reset, as a crashed server would: the peer sees a reset instead of an orderly
    /// end of file, and nothing more is sent (bytes already in the peer's receive buffer may still be read there,
    /// as Linux allows). A blocked ``receive(into:timeout:)`` returns `.closed`.
    ///
    /// `SO_LINGER` 0 makes the kernel reset rather than close in order; `connect` with `AF_UNSPEC` disconnects the
    /// socket now while the descriptor stays open (it is closed only in deinit, see the type's note).
    public func reset() {
        socketReset(descriptor)
    }
}

/// `send` without `SIGPIPE`; outside the class so the name is not shadowed by ``TCPStream/send(_:)``.
private func socketSend(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    send(descriptor, bytes, count, Int32(MSG_NOSIGNAL))
    #else
    send(descriptor, bytes, count, 0)
    #endif
}

/// `shutdown(SHUT_RDWR)`, outside the class so the name is not shadowed by ``TCPStream/shutdown()``.
func socketShutdown(_ descriptor: Int32) {
    _ = shutdown(descriptor, Int32(SHUT_RDWR))
}

private func socketReset(_ descriptor: Int32) {
    var option = linger(l_onoff: 1, l_linger: 0)
    setsockopt(descriptor, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<linger>.size))
    var unspecified = sockaddr()
    unspecified.sa_family = sa_family_t(AF_UNSPEC)
    _ = connect(descriptor, &unspecified, socklen_t(MemoryLayout<sockaddr>.size))
    _ = shutdown(descriptor, Int32(SHUT_RDWR))
}
