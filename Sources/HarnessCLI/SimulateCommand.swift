import ArgumentParser
import Capture
import Feed
import Foundation
import MarketData
import SystemSupport

/// `harness simulate`: serves a capture over IQFeed's protocol on loopback.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Serve a capture file over the IQFeed protocol on loopback, with optional feed faults.",
        discussion: """
            Listens like IQConnect on a Level 1 and a Level 2 port, answers the handshake (S,SET PROTOCOL,
            S,SELECT UPDATE FIELDS), watches (w r WPL RPL WOR ROR) and sends T heartbeats every second. Playback
            starts once clients watch every symbol of the capture (or 5 s after the first watch) and streams the
            recorded lines of the watched symbols at the chosen pace. It keeps serving heartbeats after the last
            line, until Ctrl-C.

            Faults (repeatable --fault KIND@SEQ[:ARG], applied when playback reaches capture seq SEQ):
              disconnect@SEQ             close every client connection (clients see end of file)
              reset@SEQ                  close them with a TCP reset
              stall@SEQ:DURATION         send nothing, heartbeats included, for DURATION (e.g. 4s)
              corrupt@SEQ:N              garble the next N data lines
              drop@SEQ:N                 never send the next N data lines
              server-disconnect@SEQ:DURATION   S,SERVER DISCONNECTED, no data, then S,SERVER CONNECTED + S,CLEAR DEPTH
            --split-writes SEED cuts every write at random byte boundaries (pieces of 1-64 bytes).

            Examples:
              harness simulate --capture fixtures/lobster-aapl.sqlite
              harness simulate --capture fixtures/multi.sqlite --l1-port 0 --l2-port 0 --speed max
              harness simulate --capture x.sqlite --speed 10x --fault disconnect@5000 --fault stall@9000:4s
            """
    )

    @Option(help: "The capture file to serve.")
    var capture: String

    @Option(name: .customLong("l1-port"), help: "Level 1 port to listen on (0 picks a free port).")
    var level1Port = FeedPort.level1.rawValue

    @Option(name: .customLong("l2-port"), help: "Level 2 port to listen on (0 picks a free port).")
    var level2Port = FeedPort.level2.rawValue

    @Option(help: "Pace: recorded, Nx (e.g. 10x), or max.")
    var speed = "recorded"

    @Option(name: .customLong("fault"), help: "A feed fault KIND@SEQ[:ARG] (repeatable; see above).")
    var faults: [String] = []

    @Option(help: "Split every write at random byte boundaries drawn from this seed.")
    var splitWrites: UInt64?

    func validate() throws {
        guard SimulatorConfiguration.Pace(speed) != nil else {
            throw ValidationError("--speed \(speed) is not a pace; use recorded, max or Nx such as 10x.")
        }
        for (flag, port) in [("--l1-port", level1Port), ("--l2-port", level2Port)] where !(0...65535).contains(port) {
            throw ValidationError("\(flag) must be a TCP port between 0 and 65535, got \(port).")
        }
        for fault in faults { _ = try ScheduledFeedFault(argument: fault) }
    }

    func run() async throws {
        let stop = SignalWaiter(signals: [SIGINT, SIGTERM])
        let playback = try CapturePlayback(path: capture)
        var configuration = SimulatorConfiguration(level1Port: level1Port, level2Port: level2Port)
        configuration.pace = SimulatorConfiguration.Pace(speed)!
        let simulator = try IQFeedSimulator(playback: playback, configuration: configuration)
        if let splitWrites { simulator.inject(.splitWrites(seed: splitWrites, maximumPiece: 64)) }
        for fault in faults {
            let scheduled = try ScheduledFeedFault(argument: fault)
            simulator.schedule(scheduled.fault, atSeq: scheduled.seq)
        }
        simulator.start()
        Console.out(
            "IQFeed simulator serving \(capture): level1 127.0.0.1:\(simulator.tcpPort(for: .level1)), "
                + "level2 127.0.0.1:\(simulator.tcpPort(for: .level2)), pace \(configuration.pace)"
        )
        Console.out("waiting for clients to watch: \(playback.symbols.joined(separator: ","))")
        var announced = false
        while stop.caught == nil {
            if !announced && simulator.waitUntilFinished(timeout: .milliseconds(250)) {
                announced = true
                let statistics = simulator.statistics
                if let failure = simulator.playbackFailure {
                    simulator.stop()
                    throw failure
                }
                Console.out(
                    "finished: \(statistics.linesPlayed) lines played, "
                        + "\(statistics.linesSent.values.reduce(0, +)) sent; serving heartbeats until Ctrl-C"
                )
            } else if announced {
                try? await Task.sleep(for: .milliseconds(250))
            }
        }
        simulator.stop()
        Console.out("stopped.")
    }
}

/// A `--fault KIND@SEQ[:ARG]` argument.
struct ScheduledFeedFault {
    let fault: FeedFault
    let seq: Int64

    init(argument: String) throws {
        let usage = "--fault \(argument): expected KIND@SEQ[:ARG], e.g. disconnect@5000, stall@9000:4s, drop@100:5"
        let parts = argument.split(separator: "@", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { throw ValidationError(usage) }
        let position = parts[1].split(separator: ":", maxSplits: 1).map(String.init)
        guard let seq = Int64(position[0]), seq > 0 else { throw ValidationError(usage) }
        let argumentText = position.count > 1 ? position[1] : nil
        self.seq = seq
        func duration() throws -> Duration {
            guard let text = argumentText, let parsed = DurationArgument(argument: text) else {
                throw ValidationError("--fault \(argument): \(parts[0]) needs a duration, e.g. \(parts[0])@\(seq):4s")
            }
            return parsed.duration
        }
        func count() throws -> Int {
            guard let text = argumentText, let parsed = Int(text), parsed > 0 else {
                throw ValidationError("--fault \(argument): \(parts[0]) needs a line count, e.g. \(parts[0])@\(seq):5")
            }
            return parsed
        }
        switch parts[0] {
        case "disconnect": fault = .disconnect([.level1, .level2])
        case "reset": fault = .reset([.level1, .level2])
        case "stall": fault = .stall(try duration())
        case "corrupt": fault = .corrupt(count: try count())
        case "drop": fault = .drop(count: try count())
        case "server-disconnect": fault = .serverDisconnect(try duration())
        default:
            throw ValidationError(
                "--fault \(argument): unknown kind '\(parts[0])'; valid kinds: disconnect, reset, stall, corrupt, "
                    + "drop, server-disconnect"
            )
        }
    }
}
