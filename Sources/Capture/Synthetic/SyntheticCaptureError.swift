/// A synthetic capture configuration that cannot be generated, with a sentence saying what to change.
public struct SyntheticCaptureError: Error, Sendable, CustomStringConvertible {
    /// What is wrong and what to do.
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
