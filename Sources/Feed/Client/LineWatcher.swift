import Foundation
import MarketData
import SystemSupport

/// Picks out the few lines that change a client connection's state, by their first bytes.
struct LineWatcher {
    /// What a line asks the connection to do.
    enum Action: Equatable {
        /// A `T` heartbeat arrived.
        case heartbeat
        /// `S,CURRENT UPDATE FIELDNAMES,...` acknowledged this Level 1 field list.
        case fields([String])
        /// An `E,...` line rejected `S,SET PROTOCOL`, or IQConnect answered with another protocol version.
        case protocolRejected(String)
        /// IQFeed does not know a watched symbol (`n,SYM`).
        case unknownSymbol(String)
        /// Something else the user should hear about: an `E,...` error, the symbol limit.
        case warning(String)
        /// IQConnect's upstream link was down (`S,SERVER DISCONNECTED`) and is back (`S,SERVER CONNECTED`).
        case upstreamGap(start: Int64, end: Int64)
    }

    let port: FeedPort
    let configuration: IQFeedClientConfiguration
    /// Whether a `T` or any `S,` line has arrived: the peer speaks IQConnect's protocol.
    private(set) var sawIQConnect = false
    /// When IQConnect said `S,SERVER DISCONNECTED`, while it has not said `S,SERVER CONNECTED` since.
    private(set) var upstreamDownSince: Int64?

    init(port: FeedPort, configuration: IQFeedClientConfiguration) {
        self.port = port
        self.configuration = configuration
    }

    /// The actions the lines call for, in order.
    mutating func scan(_ lines: FeedLines, now: Int64) -> [Action] {
        var actions: [Action] = []
        lines.forEach { line in
            guard let first = line.first else { return }
            switch first {
            case UInt8(ascii: "T"):
                if line.count > 1 && line[1] == UInt8(ascii: ",") {
                    sawIQConnect = true
                    actions.append(.heartbeat)
                }
            case UInt8(ascii: "S"):
                if line.count > 1 && line[1] == UInt8(ascii: ",") { sawIQConnect = true }
                scanSystem(line, now: now, into: &actions)
            case UInt8(ascii: "E"):
                let text = String(decoding: line, as: UTF8.self)
                actions.append(
                    text.contains("not a valid protocol") ? .protocolRejected(text) : .warning("IQFeed error: \(text)")
                )
            case UInt8(ascii: "n"):
                if line.count > 2 && line[1] == UInt8(ascii: ",") {
                    actions.append(.unknownSymbol(String(decoding: line[2...], as: UTF8.self)))
                }
            default:
                break
            }
        }
        return actions
    }

    private mutating func scanSystem(_ line: UnsafeRawBufferPointer, now: Int64, into actions: inout [Action]) {
        if line.starts(with: Self.currentProtocol) {
            let version = String(decoding: line[Self.currentProtocol.count...], as: UTF8.self)
                .trimmingCharacters(in: [","])
            if version != configuration.protocolVersion {
                actions.append(.protocolRejected(String(decoding: line, as: UTF8.self)))
            }
        } else if line.starts(with: Self.symbolLimit) {
            actions.append(.warning("IQFeed refused a watch: \(String(decoding: line, as: UTF8.self))"))
        } else if line.starts(with: Self.fieldNames) {
            let list = String(decoding: line[Self.fieldNames.count...], as: UTF8.self)
            actions.append(.fields(list.split(separator: ",").map(String.init)))
        } else if line.starts(with: Self.serverDisconnected) {
            if upstreamDownSince == nil { upstreamDownSince = now }
        } else if line.starts(with: Self.serverConnected), let start = upstreamDownSince {
            upstreamDownSince = nil
            actions.append(.upstreamGap(start: start, end: now))
        }
    }

    /// Commands that bring the watched symbols up to date after an upstream outage: `fSYM` on Level 1 (refresh),
    /// the depth watch again on Level 2.
    func refreshCommands() -> String {
        if port == .level1 {
            return configuration.symbols.map { "f\($0)\r\n" }.joined()
        }
        return configuration.handshake(for: .level2)
    }

    private static let fieldNames = Array("S,CURRENT UPDATE FIELDNAMES,".utf8)
    private static let currentProtocol = Array("S,CURRENT PROTOCOL,".utf8)
    private static let symbolLimit = Array("S,SYMBOL LIMIT REACHED".utf8)
    private static let serverDisconnected = Array("S,SERVER DISCONNECTED".utf8)
    private static let serverConnected = Array("S,SERVER CONNECTED".utf8)
}
