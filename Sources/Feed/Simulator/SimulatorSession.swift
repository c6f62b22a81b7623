import Capture
import MarketData
import Synchronization
import SystemSupport

/// One client connection to the simulator: its watches, its selected fields and its outgoing bytes.
///
/// Every write (data lines from the playback thread, heartbeats, command replies) is queued whole in one locked
/// buffer, so lines never interleave. Sending takes the queued bytes out under a second lock and sends them without
/// holding the first: a client that stops reading blocks only the thread sending to it, never a thread queueing a
/// line, and ``abort()`` (shutting the socket down) always frees that sender.
final class SimulatorSession: Sendable {
    let port: FeedPort
    let number: Int
    let stream: TCPStream
    private let output: Mutex<Output>
    private let sending: Mutex<WriteSplitter?>
    private let state: Mutex<State>

    private struct Output {
        var pending: [UInt8] = []
        var pendingSeqs: [Int64] = []
        var deliveredSeqs: [Int64] = []
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
        self.output = Mutex(Output())
        self.sending = Mutex(splitter)
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
        sending.withLock { $0 = splitter }
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

    /// Sends what is queued; false when the connection is gone (the queued lines are then not delivered). Waits
    /// while another thread is sending to this client.
    @discardableResult
    func flush() -> Bool {
        sending.withLock { splitter in send(with: &splitter) }
    }

    /// Sends what is queued unless another thread is sending to this client right now (it will send these bytes
    /// too); for the heartbeat thread, which must not wait on one slow client.
    func flushIfIdle() {
        _ = sending.withLockIfAvailable { splitter in send(with: &splitter) }
    }

    /// Takes the queued bytes and sends them; called with the sending lock held, so bytes leave in queue order.
    private func send(with splitter: inout WriteSplitter?) -> Bool {
        let taken = output.withLock { output -> (bytes: [UInt8], seqs: [Int64])? in
            guard !output.isClosed else { return nil }
            defer {
                output.pending = []
                output.pendingSeqs = []
            }
            return (output.pending, output.pendingSeqs)
        }
        guard let taken else { return false }
        guard !taken.bytes.isEmpty else { return true }
        do {
            try taken.bytes.withUnsafeBytes { bytes in
                if splitter != nil {
                    try splitter!.send(bytes, to: stream)
                } else {
                    try stream.send(bytes)
                }
            }
            output.withLock { $0.deliveredSeqs.append(contentsOf: taken.seqs) }
            return true
        } catch {
            output.withLock { $0.isClosed = true }
            return false
        }
    }

    /// Sends what is queued, then closes: the client reads everything sent and then end of file.
    func close() {
        flush()
        output.withLock { $0.isClosed = true }
        stream.shutdown()
    }

    /// Closes at once, without sending what is queued: frees a sender blocked on a client that stopped reading.
    func abort() {
        output.withLock { $0.isClosed = true }
        stream.shutdown()
    }

    /// Closes with a TCP reset, as a crashed server would: what is queued is never sent, and the client sees a reset
    /// instead of an orderly end of file.
    func reset() {
        output.withLock { $0.isClosed = true }
        stream.reset()
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
