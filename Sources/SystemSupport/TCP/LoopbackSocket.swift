#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A TCP socket bound to a port on 127.0.0.1 but not listening; the socket is closed when this is released.
///
/// While it lives, nothing else can bind the port, and connections to it are refused: tests use it as a port
/// nobody serves, and ``LoopbackPort/free()`` uses it to let the kernel pick a free port.
public final class LoopbackSocket {
    /// The bound port.
    public let port: Int
    private let descriptor: Int32

    /// Binds 127.0.0.1:`port`; 0 lets the kernel choose a free port (`bind`, then `getsockname`).
    ///
    /// - Throws: ``SystemSupportError`` of kind `.socket`, e.g. when the port is in use.
    public init(port: Int = 0) throws {
        (descriptor, self.port) = try bindLoopback(port: port, reuseAddress: false)
    }

    deinit {
        close(descriptor)
    }
}

/// A TCP socket bound to 127.0.0.1:`port` (0: the kernel chooses), and the port it got.
///
/// `reuseAddress` sets `SO_REUSEADDR` first, so a server can listen again on a port whose old connections linger
/// in `TIME_WAIT`; a socket only reserving a port must not set it, or a second such socket could bind the same port.
func bindLoopback(port: Int, reuseAddress: Bool) throws -> (descriptor: Int32, port: Int) {
    #if canImport(Glibc)
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    #else
    let descriptor = socket(AF_INET, SOCK_STREAM, 0)
    #endif
    guard descriptor >= 0 else {
        throw SystemSupportError(.socket, "could not create a TCP socket: \(errnoText())")
    }
    if reuseAddress {
        var one: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
    }
    var address = sockaddr_in.loopback(port: port)
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
    }
    guard bound == 0 else {
        let reason = errnoText()
        close(descriptor)
        throw SystemSupportError(
            .socket,
            "could not bind a TCP socket on 127.0.0.1:\(port): \(reason); choose another port (0 picks a free one)"
        )
    }
    let named = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
    }
    guard named == 0 else {
        let reason = errnoText()
        close(descriptor)
        throw SystemSupportError(.socket, "could not read the port of a socket on 127.0.0.1: \(reason)")
    }
    return (descriptor, Int(UInt16(bigEndian: address.sin_port)))
}

/// The current `errno` as text, e.g. "Address already in use".
func errnoText() -> String {
    String(cString: strerror(errno))
}
