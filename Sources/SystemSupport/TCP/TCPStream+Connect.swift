#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension TCPStream {
    /// Connects to `host:port` (a name or an IPv4/IPv6 address), giving up after `timeout`.
    ///
    /// - Throws: ``SystemSupportError`` of kind `.connect` naming the address and the reason (refused, timed out,
    ///   unknown host).
    public static func connect(host: String, port: Int, timeout: Duration) throws -> TCPStream {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var found: UnsafeMutablePointer<addrinfo>?
        let resolved = getaddrinfo(host, String(port), &hints, &found)
        guard resolved == 0, let first = found else {
            let reason = String(cString: gai_strerror(resolved))
            throw SystemSupportError(.connect, "could not resolve \(host): \(reason)")
        }
        defer { freeaddrinfo(first) }
        var lastError = "no address"
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        while let info = candidate {
            candidate = info.pointee.ai_next
            switch connectOne(info.pointee, timeout: timeout) {
            case .success(let descriptor):
                return TCPStream(descriptor: descriptor, peer: "\(host):\(port)")
            case .failure(let reason):
                lastError = reason
            }
        }
        throw SystemSupportError(.connect, "could not connect to \(host):\(port): \(lastError)")
    }

    private enum Attempt {
        case success(Int32)
        case failure(String)
    }

    /// A non-blocking connect bounded by `timeout`, then back to blocking mode.
    private static func connectOne(_ info: addrinfo, timeout: Duration) -> Attempt {
        let descriptor = socket(info.ai_family, info.ai_socktype, info.ai_protocol)
        guard descriptor >= 0 else { return .failure(errnoText()) }
        let flags = fcntl(descriptor, F_GETFL)
        _ = fcntl(descriptor, F_SETFL, flags | O_NONBLOCK)
        if socketConnect(descriptor, info.ai_addr, info.ai_addrlen) != 0 && errno != EINPROGRESS {
            let reason = errnoText()
            close(descriptor)
            return .failure(reason)
        }
        var request = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
        let ready = poll(&request, 1, Int32(clamping: timeout.milliseconds))
        var socketError: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &socketError, &length)
        guard ready > 0, socketError == 0 else {
            close(descriptor)
            return .failure(ready == 0 ? "timed out after \(timeout)" : String(cString: strerror(socketError)))
        }
        _ = fcntl(descriptor, F_SETFL, flags)
        return .success(descriptor)
    }
}

/// `connect`, outside the type so the name is not shadowed by ``TCPStream/connect(host:port:timeout:)``.
private func socketConnect(
    _ descriptor: Int32,
    _ address: UnsafeMutablePointer<sockaddr>?,
    _ length: socklen_t
) -> Int32 {
    connect(descriptor, address, length)
}
