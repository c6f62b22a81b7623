import ArgumentParser

/// `harness-bench`: the repository's benchmarks. Build in release mode: `swift run -c release harness-bench ...`.
@main
struct HarnessBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "harness-bench",
        abstract: "Benchmarks behind the README's performance figures (run with -c release).",
        subcommands: [
            KafkaBenchmarkCommand.self, CodecBenchmarkCommand.self, RecordBenchmarkCommand.self,
            PipelineBenchmarkCommand.self, ScenarioBenchmarkCommand.self,
        ]
    )
}
