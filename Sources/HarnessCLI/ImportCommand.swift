import ArgumentParser

/// `harness import`: turns outside market data into capture files.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn outside market data into a capture file.",
        subcommands: [ImportLobsterCommand.self]
    )
}
