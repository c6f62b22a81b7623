#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A listening TCP socket on 127.0.0.1, for the servers the harness plays (the IQFeed simulator).
public final class TCPListener: @unchecked Sendable {
    // @unchecked: `descriptor` never changes after init and is closed only in deinit.
    private let descriptor: Int32
    /// The port it listens on (the kernel's choice when created with port 0).
    public let port: Int

    /// Listens on 127.0.0.1:`port`; 0 lets the kernel choose a free port.
    ///
    /// - Throws: ``SystemSupportError`` of kind `.socket` naming the port, e.g. when it is in use.
    public init(port: Int) throws {
        let bound = try bindLoopback(port: port, reuseAddress: true)
        guard listen(bound.descriptor, 64) == 0 else {
            let reason = errnoText()
            close(bound.descriptor)
            throw SystemSupportError(.socket, "could not listen on 127.0.0.1:\(port): \(reason)")
        }
        (descriptor, self.port) = bound
    }

    deinit {
        close(descriptor)
    }

    /// Waits up to `timeout` for a client; nil when none came or the listener was shut down.
    public func accept(timeout: Duration) -> TCPStream? {
        var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&request, 1, Int32(clamping: timeout.milliseconds)) > 0 else { return nil }
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let client = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAccept(descriptor, $0, &length) }
        }
        guard client >= 0 else { return nil }
        return TCPStream(descriptor: client, peer: "127.0.0.1:\(UInt16(bigEndian: address.sin_port))")
    }

    /// Stops accepting: a waiting ``accept(timeout:)`` returns nil.
    public func shutdown() {
        socketShutdown(descriptor)
    }
}

extension sockaddr_in {
    /// 127.0.0.1:`port`.
    static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr = in_addr(s_addr: UInt32(0x7F00_0001).bigEndian)
        return address
    }
}

/// `accept`, outside the class so the name is not shadowed by ``TCPListener/accept(timeout:)``.
private func socketAccept(
    _ descriptor: Int32,
    _ address: UnsafeMutablePointer<sockaddr>,
    _ length: UnsafeMutablePointer<socklen_t>
) -> Int32 {
    accept(descriptor, address, length)
}
