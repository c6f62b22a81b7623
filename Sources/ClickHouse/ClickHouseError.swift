/// An error from a ClickHouse client, with a message naming the server (host:port) and what to do.
///
/// Messages never contain the password.
public struct ClickHouseError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, for callers that branch on it.
    public enum Kind: Sendable, Equatable {
        /// No connection could be made, or the connection closed before the answer was complete
        /// (the server stopped or crashed).
        case unreachable
        /// The server sent nothing for longer than the client's timeout. The query may still be running there.
        case timedOut
        /// ClickHouse rejected the request with its error `code`, e.g. 62 for a syntax error, 60 for an
        /// unknown table.
        case server(code: Int)
        /// The server answered with something that is not the HTTP ClickHouse speaks, or with an HTTP error
        /// that carries no ClickHouse error code.
        case protocolError
    }

    /// What went wrong.
    public let kind: Kind
    /// A sentence naming the server, ClickHouse's own message for server errors, the SQL, and what to do.
    public let message: String

    init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    /// The first 200 characters of `sql` on one line, for messages.
    static func excerpt(_ sql: String) -> String {
        let flat = sql.split(whereSeparator: \.isNewline).joined(separator: " ")
        return flat.count > 200 ? flat.prefix(200) + "…" : flat
    }
}
