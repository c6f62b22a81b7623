/// A sink failure. `unavailable` is worth retrying (the server or file is busy or gone); `rejected` is not.
public struct SinkError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// The store cannot be reached or is busy: retry later.
        case unavailable
        /// The store refused the data or the schema: a bug or a misconfiguration.
        case rejected
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
