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
        #if canImport(Glibc)
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else {
            throw SystemSupportError(.socket, "could not create a TCP socket: \(errnoText())")
        }
        var address = sockaddr_in.loopback(port: port)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        guard bound == 0 else {
            let reason = errnoText()
            close(descriptor)
            throw SystemSupportError(.socket, "could not bind a TCP socket on 127.0.0.1:\(port): \(reason)")
        }
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard named == 0 else {
            let reason = errnoText()
            close(descriptor)
            throw SystemSupportError(.socket, "could not read the port of a socket on 127.0.0.1: \(reason)")
        }
        self.descriptor = descriptor
        self.port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit {
        close(descriptor)
    }
}

/// The current `errno` as text, e.g. "Address already in use".
func errnoText() -> String {
    String(cString: strerror(errno))
}
