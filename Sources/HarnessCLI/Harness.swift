import ArgumentParser

/// The `harness` command: record, replay and validate a market-data pipeline, and operate it.
public struct Harness: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "harness",
        abstract: "Record, replay and validate the IQFeed → Kafka → processing → storage pipeline.",
        discussion: """
            Exit codes:
              0  success
              1  a check or threshold failed
              2  usage or configuration error
              3  infrastructure unavailable
              4  interrupted

            Examples:
              harness replay fixtures/lobster-aapl.sqlite
              harness inspect fixtures/lobster-aapl.sqlite
              harness kafka-cluster --brokers 3 --partitions 6
            """,
        version: HarnessVersion.current,
        subcommands: [
            ReplayCommand.self, ProcessCommand.self, RecordCommand.self, SimulateCommand.self, InspectCommand.self,
            ImportCommand.self, GenerateCommand.self, KafkaClusterCommand.self,
        ]
    )

    public init() {}

    /// Parses the command line, runs the chosen subcommand and exits with the harness's exit codes.
    public static func runFromCommandLine() async -> Never {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            exit(withError: nil)
        } catch {
            HarnessExit.exit(for: error)
        }
    }
}
