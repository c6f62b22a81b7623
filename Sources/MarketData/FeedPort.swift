/// The IQFeed stream a line belongs to, named by IQConnect's standard port number.
///
/// A capture stores this number in `events.port` whatever TCP port the line actually came in on (a simulator
/// may listen anywhere), so replay knows how to parse each line.
public enum FeedPort: Int, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Level 1: quotes, trades, fundamentals, regional quotes, news headlines.
    case level1 = 5009
    /// Lookup: history and symbol lookups, request/response.
    case lookup = 9100
    /// Level 2: market depth by order, by price level, or by market maker (legacy).
    case level2 = 9200
    /// Admin: IQConnect statistics and login settings.
    case admin = 9300

    /// A short name for logs and reports, e.g. `level1 (5009)`.
    public var description: String {
        switch self {
        case .level1: "level1 (5009)"
        case .lookup: "lookup (9100)"
        case .level2: "level2 (9200)"
        case .admin: "admin (9300)"
        }
    }
}
