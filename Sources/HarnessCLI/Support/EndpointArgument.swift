/// `host:port` from the command line.
struct EndpointArgument: Sendable, Hashable {
    var host: String
    var port: Int

    /// Reads `host:port` (or `:port` for loopback); `nil` if the port is not 1-65535.
    init?(_ text: String, defaultHost: String = "127.0.0.1") {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (1...65535).contains(port)
        else { return nil }
        let host = String(text[..<colon])
        self.host = host.isEmpty ? defaultHost : host
        self.port = port
    }
}
