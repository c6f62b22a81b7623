import Pipeline

/// How `harness replay SCENARIO.yaml` runs a scenario beyond what the file says.
public struct ScenarioRunOptions: Sendable {
    /// The run folder; it must not exist.
    public var runFolder: String
    /// Replaces the file's pace (`--speed`); `nil` keeps it.
    public var pace: ReplayPace?
    /// How long the pipeline may store nothing while events wait before the run gives up.
    public var stallTimeout: Duration = .seconds(60)
    /// ClickHouse credentials and database for a `clickhouse://` sink (never in the scenario file).
    public var clickhouseDatabase = "default"
    public var clickhouseUser: String?
    public var clickhousePassword: String?

    public init(runFolder: String) {
        self.runFolder = runFolder
    }
}
