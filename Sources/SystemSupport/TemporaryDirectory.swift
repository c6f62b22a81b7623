import Foundation

/// A uniquely named directory under the system temporary directory, for managed servers and tests.
///
/// It is not removed automatically: call ``remove()`` when done.
public struct TemporaryDirectory: Sendable {
    /// The directory's location.
    public let url: URL

    /// The directory's path, for command-line arguments.
    public var path: String { url.path }

    /// Creates the directory `<temp>/<prefix>.XXXXXX` with `mkdtemp`.
    ///
    /// - Parameter prefix: the start of the directory name; defaults to `harness`.
    public init(prefix: String = "harness") throws {
        let template = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix).XXXXXX").path
        var bytes = Array(template.utf8CString)
        let created = bytes.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        guard created != nil else {
            throw SystemSupportError(
                .temporaryDirectory,
                "could not create a temporary directory like \(template): \(errnoText())"
            )
        }
        let path = bytes.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        url = URL(fileURLWithPath: path, isDirectory: true)
    }

    /// Removes the directory and everything in it.
    public func remove() throws {
        do {
            try FileManager.default.removeItem(at: url)
        } catch {
            throw SystemSupportError(
                .temporaryDirectory,
                "could not remove the temporary directory \(path): \(error.localizedDescription)"
            )
        }
    }
}
