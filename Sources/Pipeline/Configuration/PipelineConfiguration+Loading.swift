import Foundation

extension PipelineConfiguration {
    /// Reads the configuration file at `path`, resolving every string that is exactly `${NAME}` from
    /// `environment` (pass the process's environment).
    ///
    /// Unknown keys are ignored and listed in ``warnings``.
    ///
    /// - Throws: ``ConfigurationError`` naming the file: ``ConfigurationError/Kind/fileNotFound``,
    ///   ``ConfigurationError/Kind/unreadable(reason:)``, ``ConfigurationError/Kind/invalidJSON(line:column:reason:)``
    ///   with the line and column, ``ConfigurationError/Kind/invalidValue(keyPath:expected:found:)`` with the key
    ///   path, or ``ConfigurationError/Kind/missingEnvironmentVariable(keyPath:variable:)``.
    public static func load(
        path: String,
        environment: [String: String]
    ) throws(ConfigurationError)
        -> PipelineConfiguration
    {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ConfigurationError(file: path, kind: readFailure(error, path: path))
        }
        let value = try parse(data, file: path)
        let reader = try ConfigurationReader<CodingKeys>(
            file: path,
            path: "",
            value: value,
            environment: environment,
            diagnostics: ConfigurationDiagnostics()
        )
        return try PipelineConfiguration(reading: reader)
    }

    private static func readFailure(_ error: any Error, path: String) -> ConfigurationError.Kind {
        if let error = error as? CocoaError, error.code == .fileReadNoSuchFile {
            return .fileNotFound
        }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            return .unreadable(reason: "it is a folder, not a file")
        }
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey].flatMap { $0 as? any Error }
        return .unreadable(reason: ((underlying ?? error) as NSError).localizedDescription)
    }

    /// Parses JSON, checking its syntax with `JSONSerialization` first because its errors give the position.
    static func parse(_ data: Data, file: String) throws(ConfigurationError) -> JSONValue {
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            return try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw ConfigurationError(file: file, kind: syntaxError(error, in: data))
        }
    }

    /// The line, column and reason of a JSON syntax error whose message says "around character N" (a 0-based byte
    /// offset) or "end of file".
    static func syntaxError(_ error: any Error, in data: Data) -> ConfigurationError.Kind {
        let message =
            (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
            ?? "the data is not in the correct format"
        let marker = " around character "
        var reason = message
        var offset: Int?
        if let range = message.range(of: marker) {
            offset = Int(message[range.upperBound...].prefix(while: \.isNumber))
            reason = String(message[..<range.lowerBound])
        } else if message.localizedCaseInsensitiveContains("end of file") {
            offset = data.count
        }
        if reason.hasSuffix(".") {
            reason.removeLast()
        }
        guard let offset else { return .invalidJSON(line: nil, column: nil, reason: reason) }
        let before = data.prefix(Swift.min(Swift.max(offset, 0), data.count))
        let line = before.reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
        let lineStart = before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? before.startIndex
        let column = String(decoding: before[lineStart...], as: UTF8.self).count + 1
        return .invalidJSON(line: line, column: column, reason: reason)
    }
}
