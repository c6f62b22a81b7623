/// Why a pipeline run could not start or finish. Each kind maps to one exit code of the CLI.
public struct PipelineError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// The input (capture, configuration, arguments) is wrong: exit 2.
        case input
        /// A server or resource the run needs is unavailable: exit 3.
        case infrastructure
        /// The run started but a part of the pipeline failed: exit 3.
        case failed
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
