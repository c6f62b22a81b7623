import MarketData

/// How the live client connects to IQConnect and what it asks for.
public struct IQFeedClientConfiguration: Sendable {
    /// What market depth to watch on the Level 2 port.
    public enum Depth: String, Sendable, CaseIterable {
        /// No Level 2 connection.
        case none
        /// Market by price level: `WPL,SYM` (lines `7`, `8`, `9`).
        case mbp
        /// Market by order: `WOR,SYM` (lines `6`, `3`, `4`, `5`).
        case mbo
    }

    /// Host running IQConnect. Default 127.0.0.1.
    public var host: String
    /// Level 1 port. Default 5009.
    public var level1Port: Int
    /// Level 2 port. Default 9200.
    public var level2Port: Int
    /// Symbols to watch, e.g. `["AAPL", "MSFT"]`.
    public var symbols: [String]
    /// Depth to watch on Level 2. Default `.mbp`.
    public var depth: Depth
    /// Level 1 fields to select with `S,SELECT UPDATE FIELDS`. Default: IQFeed 6.x's default list
    /// (`Level1FieldList.default`).
    public var level1Fields: [String]
    /// Protocol to ask for with `S,SET PROTOCOL`. Default `6.2`.
    public var protocolVersion: String
    /// Name sent with `S,SET CLIENT NAME`. Default `harness`.
    public var clientName: String
    /// A connection with no `T` heartbeat for this long counts as dead and is reconnected. Default 3 s.
    public var heartbeatTimeout: Duration
    /// Time allowed for a TCP connect. Default 2 s.
    public var connectTimeout: Duration
    /// First wait before reconnecting; doubles after each failed attempt. Default 100 ms.
    public var reconnectInitialBackoff: Duration
    /// Longest wait between reconnect attempts. Default 5 s.
    public var reconnectMaximumBackoff: Duration

    /// A configuration with the defaults above for `symbols`.
    public init(host: String = "127.0.0.1", symbols: [String], depth: Depth = .mbp) {
        self.host = host
        self.level1Port = FeedPort.level1.rawValue
        self.level2Port = FeedPort.level2.rawValue
        self.symbols = symbols
        self.depth = depth
        self.level1Fields = Level1FieldList.default.names
        self.protocolVersion = "6.2"
        self.clientName = "harness"
        self.heartbeatTimeout = .seconds(3)
        self.connectTimeout = .seconds(2)
        self.reconnectInitialBackoff = .milliseconds(100)
        self.reconnectMaximumBackoff = .seconds(5)
    }

    /// The TCP port for `port`.
    func tcpPort(for port: FeedPort) -> Int {
        port == .level2 ? level2Port : level1Port
    }

    /// The commands sent after every (re)connect on `port`, each ending in CR LF: protocol, client name, field
    /// selection (Level 1) and one watch per symbol.
    func handshake(for port: FeedPort) -> String {
        var commands = "S,SET PROTOCOL,\(protocolVersion)\r\nS,SET CLIENT NAME,\(clientName)\r\n"
        if port == .level1 {
            commands += "S,SELECT UPDATE FIELDS,\(level1Fields.joined(separator: ","))\r\n"
            for symbol in symbols { commands += "w\(symbol)\r\n" }
        } else {
            let watch = depth == .mbo ? "WOR" : "WPL"
            for symbol in symbols { commands += "\(watch),\(symbol)\r\n" }
        }
        return commands
    }

    /// The ports this configuration connects to.
    var ports: [FeedPort] {
        depth == .none ? [.level1] : [.level1, .level2]
    }
}
