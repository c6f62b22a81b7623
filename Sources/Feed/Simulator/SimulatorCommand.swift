import MarketData

/// A client command the simulator understands (IQFEED.md §2-§4), parsed from one line.
enum SimulatorCommand: Equatable {
    case setProtocol(String)
    case selectUpdateFields([String])
    case watch(String, DepthWatch)
    case unwatch(String, DepthWatch)
    case refresh(String)
    case requestWatches
    case unwatchAll
    case timestamp
    case timestamps(on: Bool)
    /// Commands that are valid and need no answer (`S,SET CLIENT NAME`, `S,CONNECT`, `S,KEY`...).
    case ignored
    case unknown

    /// What kind of lines a watch asks for.
    enum DepthWatch: Hashable {
        /// Level 1 `w`/`t`, or legacy Level 2 `w` (market-maker `Z`/`2` rows).
        case plain
        /// `WPL`: market by price level.
        case byPrice
        /// `WOR`: market by order.
        case byOrder
    }

    init(_ line: Substring) {
        if line.hasPrefix("S,") {
            self = Self.system(line.dropFirst(2))
            return
        }
        let fields = line.split(separator: ",", omittingEmptySubsequences: false)
        switch fields[0] {
        case "WPL": self = fields.count > 1 ? .watch(String(fields[1]), .byPrice) : .unknown
        case "WOR": self = fields.count > 1 ? .watch(String(fields[1]), .byOrder) : .unknown
        case "RPL": self = fields.count > 1 ? .unwatch(String(fields[1]), .byPrice) : .unknown
        case "ROR": self = fields.count > 1 ? .unwatch(String(fields[1]), .byOrder) : .unknown
        case "T": self = .timestamp
        default:
            guard fields.count == 1, let first = line.first, line.count > 1 else {
                self = .unknown
                return
            }
            let symbol = String(line.dropFirst())
            switch first {
            case "w", "t": self = .watch(symbol, .plain)
            case "r": self = .unwatch(symbol, .plain)
            case "f": self = .refresh(symbol)
            default: self = .unknown
            }
        }
    }

    private static func system(_ rest: Substring) -> SimulatorCommand {
        let fields = rest.split(separator: ",", omittingEmptySubsequences: false)
        switch fields[0] {
        case "SET PROTOCOL": return fields.count > 1 ? .setProtocol(String(fields[1])) : .unknown
        case "SELECT UPDATE FIELDS":
            return .selectUpdateFields(fields.dropFirst().filter { !$0.isEmpty }.map(String.init))
        case "REQUEST WATCHES": return .requestWatches
        case "UNWATCH ALL": return .unwatchAll
        case "TIMESTAMPSON": return .timestamps(on: true)
        case "TIMESTAMPSOFF": return .timestamps(on: false)
        case "SET CLIENT NAME", "CONNECT", "DISCONNECT", "KEY", "REGON", "REGOFF", "NEWSON", "NEWSOFF",
            "SET LOG LEVELS", "REQUEST STATS":
            return .ignored
        default: return .unknown
        }
    }
}
