/// How a ``ManagedProcess`` ended.
public enum ProcessExitStatus: Sendable, Equatable, CustomStringConvertible {
    /// It exited with this status code.
    case exited(Int32)
    /// It was ended by this signal, e.g. 9 for SIGKILL.
    case signalled(Int32)

    public var description: String {
        switch self {
        case .exited(let code): "exited with status \(code)"
        case .signalled(let signal): "ended by signal \(signal)"
        }
    }
}
