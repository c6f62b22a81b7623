/// An error from the process, port and directory helpers, with a message that says what to do.
public struct SystemSupportError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, for callers that branch on it.
    public enum Kind: Sendable, Equatable {
        /// The binary is not on `PATH`; the message names the Debian package that provides it.
        case executableNotFound
        /// The binary exists but could not be started, or its log files could not be opened.
        case launchFailed
        /// A loopback socket could not be created, bound or inspected.
        case socket
        /// A TCP connection could not be made: refused, timed out, or the host name did not resolve.
        case connect
        /// An open TCP connection failed while sending (the peer went away).
        case connectionLost
        /// A temporary directory could not be created or removed.
        case temporaryDirectory
    }

    /// What went wrong.
    public let kind: Kind
    /// A sentence naming the thing that failed and what to do about it.
    public let message: String

    /// Creates an error of the given kind.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
