/// Free TCP ports on the loopback interface, for servers the harness starts itself.
public enum LoopbackPort {
    /// Returns a TCP port on 127.0.0.1 that was free a moment ago.
    ///
    /// Binds a socket to port 0, reads back the port the kernel chose and closes the socket
    /// (``LoopbackSocket``). Another process can take the port before the caller binds it, so servers
    /// started on it should report a bind failure clearly.
    public static func free() throws -> Int {
        try LoopbackSocket().port
    }
}
