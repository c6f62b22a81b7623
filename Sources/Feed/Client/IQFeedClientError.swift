import MarketData

/// Why the live client gave up, with a message that names the address and what to do.
public struct IQFeedClientError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Sendable, Equatable {
        /// The first connection to a port failed (refused, timed out, unknown host).
        case unreachable
        /// IQConnect answered `S,SET PROTOCOL` with an error: it is too old for the protocol asked for.
        case protocolRejected
    }

    /// What went wrong.
    public let kind: Kind
    /// The port concerned.
    public let port: FeedPort
    /// A sentence naming the address and what to do.
    public let message: String

    public var description: String { message }
}
