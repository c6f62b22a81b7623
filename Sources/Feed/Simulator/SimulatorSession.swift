import Capture
import MarketData
import Synchronization
import SystemSupport

/// One client connection to the simulator: its watches, its selected fields and its outgoing bytes.
///
/// Every write (data lines from the playback thread, heartbeats, command replies) goes through one locked output
/// buffer, so lines never interleave; a flush holds the lock while it sends.
final class SimulatorSession: Sendable {
    let port: FeedPort
    let number: Int
    let stream: TCPStream
    private let output: Mutex<Output>
    private let state: Mutex<State>

    private struct Output {
        var pending: [UInt8] = []
        var pendingSeqs: [Int64] = []
        var deliveredSeqs: [Int64] = []
        var splitter: WriteSplitter?
        var isClosed = false
    }

    private struct State {
        var watches: [String: Set<SimulatorCommand.DepthWatch>] = [:]
        var fieldMap: Level1FieldMap?
        var timestampsOn = true
    }

    init(port: FeedPort, number: Int, stream: TCPStream, splitter: WriteSplitter?) {
        self.port = port
        self.number = number
        self.stream = stream
        self.output = Mutex(Output(splitter: splitter))
        self.state = Mutex(State())
    }

    /// Symbols watched, with what kind of watch.
    var watches: [String: Set<SimulatorCommand.DepthWatch>] { state.withLock { $0.watches } }

    /// Seqs of data lines that reached the socket (sent before any error), in order.
    var deliveredSeqs: [Int64] { output.withLock { $0.deliveredSeqs } }

    var timestampsOn: Bool { state.withLock { $0.timestampsOn } }

    func updateWatch(_ symbol: String, _ kind: SimulatorCommand.DepthWatch, watching: Bool) {
        state.withLock { state in
            if watching {
                state.watches[symbol, default: []].insert(kind)
            } else {
                state.watches[symbol]?.remove(kind)
                if state.watches[symbol]?.isEmpty == true { state.watches[symbol] = nil }
            }
        }
    }

    func unwatchAll() {
        state.withLock { $0.watches = [:] }
    }

    func setFieldMap(_ map: Level1FieldMap?) {
        state.withLock { $0.fieldMap = map }
    }

    func setTimestamps(on: Bool) {
        state.withLock { $0.timestampsOn = on }
    }

    func setSplitter(_ splitter: WriteSplitter?) {
        output.withLock { $0.splitter = splitter }
    }

    /// Queues a data line if this session watches its symbol with a matching kind; true when queued.
    func offer(_ line: CaptureEvent, corrupted: Bool, recordSeq: Bool) -> Bool {
        guard line.port == port, let symbol = line.symbol else { return false }
        let (wanted, fieldMap) = state.withLock { state in
            (state.watches[symbol].map { Self.matches(line.line, watches: $0, port: port) } ?? false, state.fieldMap)
        }
        guard wanted else { return false }
        var text = fieldMap?.rewrite(line.line) ?? line.line
        if corrupted { text = Self.corrupt(text) }
        output.withLock { output in
            output.pending.append(contentsOf: text.utf8)
            output.pending.append(contentsOf: [13, 10])
            if recordSeq { output.pendingSeqs.append(line.seq) }
        }
        return true
    }

    /// Queues a line the simulator makes itself (a reply, a heartbeat, a system message).
    func queue(_ line: String) {
        output.withLock { output in
            output.pending.append(contentsOf: line.utf8)
            output.pending.append(contentsOf: [13, 10])
        }
    }

    /// Bytes waiting to be sent.
    var pendingCount: Int { output.withLock { $0.pending.count } }

    /// Sends what is queued; false when the connection is gone (the queued lines are then not delivered).
    @discardableResult
    func flush() -> Bool {
        output.withLock { output in
            guard !output.isClosed else { return false }
            guard !output.pending.isEmpty else { return true }
            defer {
                output.pending.removeAll(keepingCapacity: true)
                output.pendingSeqs.removeAll(keepingCapacity: true)
            }
            do {
                try output.pending.withUnsafeBytes { bytes in
                    if var splitter = output.splitter {
                        try splitter.send(bytes, to: stream)
                        output.splitter = splitter
                    } else {
                        try stream.send(bytes)
                    }
                }
                output.deliveredSeqs.append(contentsOf: output.pendingSeqs)
                return true
            } catch {
                output.isClosed = true
                return false
            }
        }
    }

    /// Sends what is queued, then closes: the client reads everything sent and then end of file.
    func close() {
        flush()
        output.withLock { $0.isClosed = true }
        stream.shutdown()
    }

    /// Closes with a TCP reset, throwing away what is queued and what the client has not read yet.
    func reset() {
        output.withLock { $0.isClosed = true }
        stream.resetOnClose()
        stream.shutdownReceiving()
    }

    var isClosed: Bool { output.withLock { $0.isClosed } }

    /// Whether `line` is of a kind the watches ask for: on Level 2, `WPL` gets `7 8 9`, `WOR` gets `6 3 4 5 0`,
    /// a plain `w` gets `Z 2`; every watch gets the other symbol lines (`S,CLEAR DEPTH`, `q`, `n`).
    private static func matches(_ line: String, watches: Set<SimulatorCommand.DepthWatch>, port: FeedPort) -> Bool {
        guard port == .level2 else { return true }
        switch line.utf8.first {
        case UInt8(ascii: "7"), UInt8(ascii: "8"), UInt8(ascii: "9"): return watches.contains(.byPrice)
        case UInt8(ascii: "6"), UInt8(ascii: "3"), UInt8(ascii: "4"), UInt8(ascii: "5"), UInt8(ascii: "0"):
            return watches.contains(.byOrder)
        case UInt8(ascii: "Z"), UInt8(ascii: "2"): return watches.contains(.plain)
        default: return true
        }
    }

    /// The line with its third field replaced by `#CORRUPT#` (type and symbol kept, so the damage is attributable).
    static func corrupt(_ line: String) -> String {
        var fields = line.split(separator: ",", omittingEmptySubsequences: false)
        if fields.count > 2 {
            fields[2] = "#CORRUPT#"
        } else {
            fields.append("#CORRUPT#")
        }
        return fields.joined(separator: ",")
    }
}
