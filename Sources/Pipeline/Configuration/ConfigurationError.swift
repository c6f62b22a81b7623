/// Why a configuration could not be loaded: the file, and where in it, and what was expected there.
///
/// The ``description`` is a sentence for people, for example
/// `configuration file config/pipeline_config.json: kafka.linger_ms: expected a number, found "fast"`.
/// It never contains a secret: values found at a password key are shown by their kind only ("a number").
public struct ConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Sendable, Hashable {
        /// No file exists at the path.
        case fileNotFound
        /// The file exists but cannot be read (a folder, no permission); `reason` says why.
        case unreadable(reason: String)
        /// The file is not valid JSON; the 1-based line and column of the problem when the parser gives them.
        case invalidJSON(line: Int?, column: Int?, reason: String)
        /// The value at `keyPath` (like `kafka.linger_ms` or `symbols[2]`; empty for the whole file) is not what
        /// the configuration expects.
        case invalidValue(keyPath: String, expected: String, found: String)
        /// The value at `keyPath` is `${variable}` but the environment has no such variable.
        case missingEnvironmentVariable(keyPath: String, variable: String)
    }

    /// The configuration file's path as given to ``PipelineConfiguration/load(path:environment:)``; empty when the
    /// configuration was decoded from memory.
    public var file: String
    /// What went wrong, and where.
    public var kind: Kind

    /// An error in `file`.
    public init(file: String, kind: Kind) {
        self.file = file
        self.kind = kind
    }

    /// The error as a sentence naming the file, the key path and what was expected.
    public var description: String {
        let prefix = file.isEmpty ? "configuration" : "configuration file \(file)"
        switch kind {
        case .fileNotFound:
            return "\(prefix) not found"
        case .unreadable(let reason):
            return "\(prefix) cannot be read: \(reason)"
        case .invalidJSON(let line, let column, let reason):
            let position = line.map { line in column.map { " at line \(line), column \($0)" } ?? " at line \(line)" }
            return "\(prefix) is not valid JSON\(position ?? ""): \(reason)"
        case .invalidValue(let keyPath, let expected, let found):
            let place = keyPath.isEmpty ? "the top level" : keyPath
            return "\(prefix): \(place): expected \(expected), found \(found)"
        case .missingEnvironmentVariable(let keyPath, let variable):
            return "\(prefix): \(keyPath) is ${\(variable)} but the environment variable \(variable) is not set"
        }
    }
}
