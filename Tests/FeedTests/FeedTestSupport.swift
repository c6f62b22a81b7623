import Capture
import Feed
import MarketData
import Synchronization
import SystemSupport
import Testing

/// A sink that keeps every line and event, for assertions.
final class CollectingSink: FeedLineSink {
    private let state = Mutex(State())

    struct State {
        var lines: [FeedPort: [String]] = [:]
        var linesPerConnection: [FeedPort: [[String]]] = [:]
        var events: [FeedConnectionEvent] = []
    }

    func receive(_ lines: FeedLines, from port: FeedPort) {
        var text: [String] = []
        lines.forEach { text.append(String(decoding: $0, as: UTF8.self)) }
        state.withLock { state in
            state.lines[port, default: []] += text
            if state.linesPerConnection[port]?.isEmpty == false {
                state.linesPerConnection[port]![state.linesPerConnection[port]!.count - 1] += text
            }
        }
    }

    func handle(_ event: FeedConnectionEvent) {
        state.withLock { state in
            state.events.append(event)
            if case .connected(let port, _) = event { state.linesPerConnection[port, default: []].append([]) }
        }
    }

    /// Data lines received on `port`, one list per connection, in connection order.
    func dataLinesPerConnection(_ port: FeedPort) -> [[String]] {
        state.withLock { $0.linesPerConnection[port] ?? [] }.map { $0.filter(\.isDataLine) }
    }

    /// Every line received on `port`.
    func lines(_ port: FeedPort) -> [String] { state.withLock { $0.lines[port] ?? [] } }

    /// Lines about a symbol (not heartbeats or system lines), as the recorder would key them.
    func dataLines(_ port: FeedPort) -> [String] { lines(port).filter(\.isDataLine) }

    var events: [FeedConnectionEvent] { state.withLock { $0.events } }

    var gaps: [FeedConnectionEvent] {
        events.filter {
            if case .gap = $0 { return true }
            return false
        }
    }
}

extension FeedConnectionEvent {
    /// The port of a gap, for assertions.
    var port: FeedPort? {
        if case .gap(let port, _, _, _) = self { return port }
        return nil
    }
}

extension String {
    /// True for recorded market data (not `T`, `S`, `E` or `n` lines).
    var isDataLine: Bool {
        guard let first = first else { return false }
        return !"TSEn".contains(first)
    }
}

/// Waits until `condition` holds, checking every 5 ms; false if `timeout` passes first.
func waitUntil(timeout: Duration = .seconds(20), _ condition: () -> Bool) -> Bool {
    let deadline = MonotonicClock.nanoseconds() + timeout.nanoseconds
    while MonotonicClock.nanoseconds() < deadline {
        if condition() { return true }
        MonotonicClock.sleep(nanoseconds: 5_000_000)
    }
    return condition()
}

/// A feed of `count` distinct lines spread over two symbols: Level 1 `Q` lines and Level 2 price-level lines.
func samplePlayback(count: Int = 2_000, symbols: [String] = ["AAPL", "MSFT"]) -> MemoryPlayback {
    var lines: [CaptureEvent] = []
    for index in 0..<count {
        let symbol = symbols[index % symbols.count]
        let seq = Int64(index + 1)
        let recv = Int64(index) * 1_000
        let cents = 10_000 + index % 300
        let price = "\(cents / 100).\(cents % 100 < 10 ? "0" : "")\(cents % 100)00"
        if index % 3 == 0 {
            let line = "Q,\(symbol),\(price),100,09:30:00.000001,11,\(index),\(price),200,\(price),300,,,,,ba,,"
            lines.append(CaptureEvent(seq: seq, recvNs: recv, port: .level1, symbol: symbol, line: line))
        } else {
            let side = index % 2 == 0 ? "B" : "A"
            let line = "8,\(symbol),\(side),\(price),\(index % 500 + 1),\(index),4,09:30:00.000001,2012-06-21,"
            lines.append(CaptureEvent(seq: seq, recvNs: recv, port: .level2, symbol: symbol, line: line))
        }
    }
    return MemoryPlayback(lines: lines)
}

/// A simulator on free ports over `playback`, at max pace, started.
func startedSimulator(
    _ playback: MemoryPlayback,
    configure: (inout SimulatorConfiguration) -> Void = { _ in }
) throws -> IQFeedSimulator {
    var configuration = SimulatorConfiguration(level1Port: 0, level2Port: 0)
    configuration.pace = .max
    configure(&configuration)
    let simulator = try IQFeedSimulator(playback: playback, configuration: configuration)
    simulator.recordDeliveries()
    simulator.start()
    return simulator
}

/// A client configuration for `simulator`'s ports.
func clientConfiguration(
    for simulator: IQFeedSimulator,
    symbols: [String] = ["AAPL", "MSFT"]
)
    -> IQFeedClientConfiguration
{
    var configuration = IQFeedClientConfiguration(symbols: symbols)
    configuration.level1Port = simulator.tcpPort(for: .level1)
    configuration.level2Port = simulator.tcpPort(for: .level2)
    return configuration
}

/// A client of `simulator`'s ports handing everything to a new ``CollectingSink``, started.
func startedClient(
    of simulator: IQFeedSimulator,
    configure: (inout IQFeedClientConfiguration) -> Void = { _ in }
) -> (CollectingSink, IQFeedClient) {
    var configuration = clientConfiguration(for: simulator)
    configure(&configuration)
    let sink = CollectingSink()
    let client = IQFeedClient(configuration: configuration, sink: sink)
    client.start()
    return (sink, client)
}

/// Checks that, per port, the client received exactly the data lines the simulator delivered, in order.
func expectDeliveredLinesArrived(
    _ simulator: IQFeedSimulator,
    _ playback: MemoryPlayback,
    _ sink: CollectingSink,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let bySeq = Dictionary(uniqueKeysWithValues: playback.lines.map { ($0.seq, $0.line) })
    for port in [FeedPort.level1, .level2] {
        let sent = simulator.deliveredSeqs(for: port).map { bySeq[$0]! }
        #expect(waitUntil { sink.dataLines(port).count >= sent.count }, sourceLocation: sourceLocation)
        #expect(sink.dataLines(port) == sent, "port \(port)", sourceLocation: sourceLocation)
        #expect(!sent.isEmpty, sourceLocation: sourceLocation)
    }
}

/// Checks, per port and connection, that the client received a prefix of what the simulator delivered on that
/// connection, and all of it on the last one that carried data: for faults after which lines already written to a socket may be lost
/// (a reset, a link declared dead), but nothing may go missing from the middle of a connection.
func expectEachConnectionReceivedAPrefix(
    _ simulator: IQFeedSimulator,
    _ playback: MemoryPlayback,
    _ sink: CollectingSink,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let bySeq = Dictionary(uniqueKeysWithValues: playback.lines.map { ($0.seq, $0.line) })
    for port in [FeedPort.level1, .level2] {
        let sent = simulator.deliveredSeqsPerConnection(for: port).map { $0.map { bySeq[$0]! } }
        #expect(!sent.joined().isEmpty, "\(port): something was delivered", sourceLocation: sourceLocation)
        #expect(
            waitUntil { sink.dataLinesPerConnection(port).last { !$0.isEmpty } == sent.last { !$0.isEmpty } },
            "\(port): the last connection received everything sent on it",
            sourceLocation: sourceLocation
        )
        // Matched in order: each client session that got data got a prefix of one connection's deliveries. A
        // connection whose lines were all lost in its socket, or a session that got nothing, is skipped: under
        // load a reconnection can be declared dead before anything arrived, and which side counted it is a race.
        var next = 0
        for (index, got) in sink.dataLinesPerConnection(port).enumerated() where !got.isEmpty {
            while next < sent.count, Array(sent[next].prefix(got.count)) != got { next += 1 }
            #expect(
                next < sent.count,
                "\(port) session \(index + 1): its \(got.count) lines are no prefix of a later connection's deliveries",
                sourceLocation: sourceLocation
            )
            next += 1
        }
    }
}
