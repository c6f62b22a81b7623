/// A password or other secret setting that never shows in logs, reports or error messages.
///
/// Printing, interpolating, `dump` and `String(reflecting:)` show `********`; only ``value`` gives the secret.
/// Encoding writes `${NAME}` when the secret came from the environment variable `NAME`, and `********` otherwise,
/// so an encoded configuration never holds a secret. Decoding takes the string as it is; references to the
/// environment are resolved only by ``PipelineConfiguration/load(path:environment:)``.
public struct Secret: Sendable, Hashable, Codable, ExpressibleByStringLiteral {
    /// The text shown instead of a secret.
    public static let mask = "********"

    /// The secret itself; pass it only to the system that needs it.
    public let value: String
    /// The environment variable the secret was read from, if any (its name is not secret).
    public let environmentVariable: String?

    /// A secret with the given value, read from `environmentVariable` if it came from the environment.
    public init(_ value: String, environmentVariable: String? = nil) {
        self.value = value
        self.environmentVariable = environmentVariable
    }

    /// A secret written in code (tests, defaults).
    public init(stringLiteral value: String) {
        self.init(value)
    }

    /// Decodes the secret from a plain string.
    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(String.self))
    }

    /// Encodes `${NAME}` for a secret from the environment variable `NAME`, otherwise ``mask``.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(environmentVariable.map { "${\($0)}" } ?? Self.mask)
    }

    /// How descriptions show the secret: `set (from $NAME)`, or `set`.
    var redactedSummary: String {
        environmentVariable.map { "set (from $\($0))" } ?? "set"
    }
}

extension Secret: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Always ``mask``.
    public var description: String { Self.mask }

    /// Always ``mask``.
    public var debugDescription: String { Self.mask }

    /// A mirror without children, so reflection (`dump`, `String(reflecting:)`) never reaches the value.
    public var customMirror: Mirror {
        Mirror(self, children: [], displayStyle: .struct)
    }
}
