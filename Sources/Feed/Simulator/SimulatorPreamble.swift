import MarketData

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The lines IQConnect sends unprompted (IQFEED.md §2), and its `T` heartbeat.
enum SimulatorPreamble {
    /// What a new connection on `port` receives first, before the first heartbeat.
    static func lines(for port: FeedPort, tcpPort: Int) -> [String] {
        switch port {
        case .level1:
            [
                "S,KEY,SIMULATOR",
                "S,SERVER CONNECTED",
                "S,IP,127.0.0.1 \(tcpPort)",
                "S,CUST,real_time,127.0.0.1,\(tcpPort),harness,6.2.0.25,0,SIMULATED,,500,QT_API,,",
            ]
        default:
            ["S,SERVER CONNECTED"]
        }
    }

    /// `T,YYYYMMDD HH:MM:SS` for now, in UTC (the simulator's clock; IQConnect's is US/Eastern).
    static func heartbeat() -> String {
        var now = time(nil)
        var parts = tm()
        gmtime_r(&now, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "T,\(parts.tm_year + 1900)\(two(parts.tm_mon + 1))\(two(parts.tm_mday)) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))"
    }
}
