#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Free TCP ports on the loopback interface, for servers the harness starts itself.
public enum LoopbackPort {
    /// Returns a TCP port on 127.0.0.1 that was free a moment ago.
    ///
    /// Binds a socket to port 0, reads back the port the kernel chose (`getsockname`) and closes the
    /// socket. Another process can take the port before the caller binds it, so servers started on
    /// it should report a bind failure clearly.
    public static func free() throws -> Int {
        #if canImport(Glibc)
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else {
            throw SystemSupportError(.socket, "could not create a TCP socket to find a free port: \(errnoText())")
        }
        defer { close(descriptor) }

        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr = in_addr(s_addr: UInt32(0x7F00_0001).bigEndian)
        let length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        guard bound == 0 else {
            throw SystemSupportError(.socket, "could not bind a TCP socket on 127.0.0.1: \(errnoText())")
        }

        var boundLength = length
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &boundLength) }
        }
        guard named == 0 else {
            throw SystemSupportError(.socket, "could not read the port of a socket on 127.0.0.1: \(errnoText())")
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// The current `errno` as text, e.g. "Address already in use".
func errnoText() -> String {
    String(cString: strerror(errno))
}
