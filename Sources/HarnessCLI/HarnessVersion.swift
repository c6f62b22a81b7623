/// The harness's version, printed by `harness --version` and stored in captures and reports.
public enum HarnessVersion {
    public static let current = "0.1.0"
}
