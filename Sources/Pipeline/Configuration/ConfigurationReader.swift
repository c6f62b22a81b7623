/// Collects what loading a configuration has to say without failing: keys it does not know.
final class ConfigurationDiagnostics {
    private(set) var warnings: [String] = []

    func unknownKey(_ keyPath: String) {
        warnings.append("unknown key \(keyPath) ignored")
    }
}

/// Reads one JSON object of a configuration file whose keys are `Key`, checking every value and keeping the key
/// path for errors. Keys that are not among `Key.allCases` are reported to the diagnostics and otherwise ignored.
///
/// A missing key and a `null` value both read as `nil`, so the caller uses its default. A string that is exactly
/// `${NAME}` reads as the value of the environment variable `NAME` when an environment is given.
struct ConfigurationReader<Key: CodingKey & CaseIterable> {
    let file: String
    let path: String
    let object: [String: JSONValue]
    let environment: [String: String]?
    let diagnostics: ConfigurationDiagnostics

    init(
        file: String,
        path: String,
        value: JSONValue,
        environment: [String: String]?,
        diagnostics: ConfigurationDiagnostics
    ) throws(ConfigurationError) {
        guard case .object(let object) = value else {
            throw ConfigurationError(
                file: file,
                kind: .invalidValue(keyPath: path, expected: "an object", found: value.described(redacted: false))
            )
        }
        self.file = file
        self.path = path
        self.object = object
        self.environment = environment
        self.diagnostics = diagnostics
        let known = Set(Key.allCases.map(\.stringValue))
        for key in object.keys.sorted() where !known.contains(key) {
            diagnostics.unknownKey(Self.join(path, key))
        }
    }

    static func join(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    func keyPath(_ key: Key) -> String {
        Self.join(path, key.stringValue)
    }

    private func value(_ key: Key) -> JSONValue? {
        switch object[key.stringValue] {
        case nil, .null: nil
        case let value?: value
        }
    }

    private func invalid(
        _ keyPath: String,
        _ expected: String,
        _ found: JSONValue,
        redacted: Bool = false
    )
        -> ConfigurationError
    {
        ConfigurationError(
            file: file,
            kind: .invalidValue(keyPath: keyPath, expected: expected, found: found.described(redacted: redacted))
        )
    }

    /// The string at `key` with a `${NAME}` reference resolved, and the variable's name when it was one.
    private func resolvedString(
        _ value: JSONValue,
        keyPath: String,
        redacted: Bool
    )
        throws(ConfigurationError) -> (text: String, variable: String?)
    {
        guard case .string(let text) = value else { throw invalid(keyPath, "a string", value, redacted: redacted) }
        guard let environment, let name = Self.environmentReference(text) else { return (text, nil) }
        guard let resolved = environment[name] else {
            throw ConfigurationError(file: file, kind: .missingEnvironmentVariable(keyPath: keyPath, variable: name))
        }
        return (resolved, name)
    }

    /// `NAME` when `text` is exactly `${NAME}` with a name of letters, digits and underscores not starting with a
    /// digit; otherwise `nil`.
    static func environmentReference(_ text: String) -> String? {
        guard text.hasPrefix("${"), text.hasSuffix("}"), text.count > 3 else { return nil }
        let name = text.dropFirst(2).dropLast()
        guard let first = name.first, first == "_" || (first.isASCII && first.isLetter) else { return nil }
        let valid = name.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }
        return valid ? String(name) : nil
    }

    /// The string at `key`, or `nil` when absent; `expected` describes valid values when `isValid` can refuse one.
    func string(
        _ key: Key,
        expected: String = "a string",
        where isValid: (String) -> Bool = { _ in true }
    ) throws(ConfigurationError) -> String? {
        guard let value = value(key) else { return nil }
        let text = try resolvedString(value, keyPath: keyPath(key), redacted: false).text
        guard isValid(text) else { throw invalid(keyPath(key), expected, .string(text)) }
        return text
    }

    /// The secret at `key`, or `nil` when absent; a wrong value is described by its kind only.
    func secret(_ key: Key) throws(ConfigurationError) -> Secret? {
        guard let value = value(key) else { return nil }
        let (text, variable) = try resolvedString(value, keyPath: keyPath(key), redacted: true)
        return Secret(text, environmentVariable: variable)
    }

    /// The list of strings at `key`, or `nil` when absent; each element is checked with `isValid`.
    func strings(
        _ key: Key,
        expected: String = "a string",
        where isValid: (String) -> Bool = { _ in true }
    ) throws(ConfigurationError) -> [String]? {
        guard let value = value(key) else { return nil }
        guard case .array(let elements) = value else { throw invalid(keyPath(key), "a list of strings", value) }
        var result: [String] = []
        for (index, element) in elements.enumerated() {
            let elementPath = "\(keyPath(key))[\(index)]"
            let text = try resolvedString(element, keyPath: elementPath, redacted: false).text
            guard isValid(text) else { throw invalid(elementPath, expected, .string(text)) }
            result.append(text)
        }
        return result
    }

    /// The whole number at `key`, or `nil` when absent; `expected` describes valid values when `isValid` can
    /// refuse one.
    func integer(
        _ key: Key,
        expected: String = "a whole number",
        where isValid: (Int) -> Bool = { _ in true }
    ) throws(ConfigurationError) -> Int? {
        guard let value = value(key) else { return nil }
        guard case .integer(let number) = value, let integer = Int(exactly: number), isValid(integer) else {
            throw invalid(keyPath(key), expected, value)
        }
        return integer
    }

    /// The number at `key`, or `nil` when absent; `expected` describes valid values when `isValid` can refuse one.
    func number(
        _ key: Key,
        expected: String = "a number",
        where isValid: (Double) -> Bool = { _ in true }
    ) throws(ConfigurationError) -> Double? {
        guard let value = value(key) else { return nil }
        let number: Double
        switch value {
        case .integer(let integer): number = Double(integer)
        case .number(let double): number = double
        default: throw invalid(keyPath(key), expected, value)
        }
        guard isValid(number) else { throw invalid(keyPath(key), expected, value) }
        return number
    }

    /// The object at `key` read by `read` with its own keys, or `nil` when absent.
    func section<SectionKey: CodingKey & CaseIterable, Section>(
        _ key: Key,
        keys: SectionKey.Type,
        _ read: (ConfigurationReader<SectionKey>) throws(ConfigurationError) -> Section
    ) throws(ConfigurationError) -> Section? {
        guard let value = value(key) else { return nil }
        let reader = try ConfigurationReader<SectionKey>(
            file: file,
            path: keyPath(key),
            value: value,
            environment: environment,
            diagnostics: diagnostics
        )
        return try read(reader)
    }
}

extension ConfigurationReader {
    /// Decodes a configuration type through the same checks as loading a file, without resolving `${NAME}`
    /// references; a refused value throws `DecodingError.dataCorrupted` whose description is the
    /// ``ConfigurationError``'s and whose underlying error is that error.
    static func decode<Value>(
        from decoder: any Decoder,
        _ read: (ConfigurationReader<Key>) throws(ConfigurationError) -> Value
    ) throws -> Value {
        let value = try JSONValue(from: decoder)
        let path = decoder.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        do {
            let reader = try ConfigurationReader(
                file: "",
                path: path.hasPrefix(".") ? String(path.dropFirst()) : path,
                value: value,
                environment: nil,
                diagnostics: ConfigurationDiagnostics()
            )
            return try read(reader)
        } catch {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: decoder.codingPath,
                    debugDescription: error.description,
                    underlyingError: error
                )
            )
        }
    }
}
