/// A JSON value as read from a configuration file, before it is checked against what the configuration expects.
enum JSONValue: Sendable, Hashable, Decodable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// How an error message shows this value: the text of a scalar (a string quoted and cut at 40 characters),
    /// the kind of a container. With `redacted`, only the kind, so a secret never shows.
    func described(redacted: Bool) -> String {
        switch self {
        case .null: return "null"
        case .bool(let value): return redacted ? "a boolean" : String(value)
        case .integer(let value): return redacted ? "a number" : String(value)
        case .number(let value): return redacted ? "a number" : String(value)
        case .string(let value):
            if redacted { return "a string" }
            let shown = value.count > 40 ? String(value.prefix(40)) + "…" : value
            return "\"\(shown)\""
        case .array: return "a list"
        case .object: return "an object"
        }
    }
}
