/// An error from a Redis connection, with a message naming the server (host:port) and what to do.
public struct RedisError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, for callers that branch on it.
    public enum Kind: Sendable, Equatable {
        /// The connection could not be made (`redisConnectWithTimeout`, `redisReconnect`).
        case connect
        /// The connection was lost: the server closed it or a read or write failed. The connection
        /// reconnects on its next command.
        case connectionLost
        /// The server did not answer within the command timeout. The connection reconnects on its
        /// next command.
        case timeout
        /// The server sent bytes hiredis could not parse as a reply.
        case `protocol`
        /// The server answered a command with an error reply, e.g. `WRONGTYPE`.
        case server
        /// The server rejected the password, or needs one and none was given.
        case auth
    }

    /// What went wrong.
    public let kind: Kind
    /// A sentence naming the server and what to do.
    public let message: String

    init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
