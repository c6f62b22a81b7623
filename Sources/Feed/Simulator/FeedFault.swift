import MarketData

/// A fault the simulator injects into the feed it serves (DESIGN.md, "Scenarios": feed faults).
public enum FeedFault: Sendable, Equatable, CustomStringConvertible {
    /// Closes every client connection on the ports after sending what is queued (the client sees end of file).
    case disconnect(Set<FeedPort>)
    /// Closes every client connection on the ports with a TCP reset: lines still queued are never sent, and clients
    /// see a reset instead of an orderly end of file.
    case reset(Set<FeedPort>)
    /// Sends nothing at all, not even heartbeats, for the duration; playback then resumes where it stopped.
    case stall(Duration)
    /// Splits every later write into pieces of 1 to `maximumPiece` bytes, at positions drawn from `seed`.
    case splitWrites(seed: UInt64, maximumPiece: Int)
    /// Garbles the next `count` data lines (their third field becomes `#CORRUPT#`), keeping type and symbol.
    case corrupt(count: Int)
    /// Drops the next `count` data lines at the source: they are never sent.
    case drop(count: Int)
    /// Plays IQConnect losing its upstream link: `S,SERVER DISCONNECTED`, no data for the duration (dropped at the
    /// source), then `S,SERVER CONNECTED` and `S,CLEAR DEPTH` for both sides of every watched depth symbol.
    case serverDisconnect(Duration)

    public var description: String {
        switch self {
        case .disconnect(let ports): "disconnect \(ports.map(\.description).sorted().joined(separator: ", "))"
        case .reset(let ports): "reset \(ports.map(\.description).sorted().joined(separator: ", "))"
        case .stall(let duration): "stall \(duration)"
        case .splitWrites(let seed, let maximumPiece): "split writes (seed \(seed), pieces ≤ \(maximumPiece) B)"
        case .corrupt(let count): "corrupt \(count) lines"
        case .drop(let count): "drop \(count) lines"
        case .serverDisconnect(let duration): "server disconnect \(duration)"
        }
    }
}
