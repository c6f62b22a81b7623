import HarnessCLI

await Harness.runFromCommandLine()
