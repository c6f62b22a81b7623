import Foundation

@testable import Pipeline

/// A configuration file with `contents` in a folder of its own, removed when done.
final class ConfigurationFile {
    let folder: URL
    let path: String

    init(_ contents: String, name: String = "pipeline_config.json") throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("config-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        path = folder.appendingPathComponent(name).path
        try Data(contents.utf8).write(to: URL(fileURLWithPath: path))
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
    }

    /// Loads the file with `environment`.
    func load(environment: [String: String] = [:]) throws(ConfigurationError) -> PipelineConfiguration {
        try PipelineConfiguration.load(path: path, environment: environment)
    }

    /// The error loading the file gives, or `nil` when it loads.
    func loadError(environment: [String: String] = [:]) -> ConfigurationError? {
        do {
            _ = try load(environment: environment)
            return nil
        } catch {
            return error
        }
    }
}
