import Foundation
import MarketData
import Synchronization
import SystemSupport

/// Serves recorded lines over IQFeed's own protocol on loopback (IQFEED.md §7): the preamble, `S,SET PROTOCOL`,
/// `S,SELECT UPDATE FIELDS`, watches (`w r WPL RPL WOR ROR`), `T` heartbeats, `n,SYM` for unknown symbols and
/// `E,!SYNTAX_ERROR!,` for unknown commands, and the recorded lines of the watched symbols at the chosen pace.
///
/// Playback is the market: one clock for all clients. It starts when clients watch every recorded symbol (or
/// ``SimulatorConfiguration/startTimeout`` after the first watch); lines arriving while a client is disconnected are
/// not sent to it. ``FeedFault``s are applied at a capture seq (``schedule(_:atSeq:)``) or at once (``inject(_:)``).
public final class IQFeedSimulator: Sendable {
    /// What it serves.
    public let playback: any FeedPlayback
    /// How it listens and paces.
    public let configuration: SimulatorConfiguration
    private let listeners: [FeedPort: TCPListener]
    let streams: [FeedPort: Set<String>]
    private let shared = Mutex(SharedState())
    private let stopped = Atomic<Bool>(false)
    private let finishedSignal = DispatchSemaphore(value: 0)
    private let threads = DispatchGroup()

    struct SharedState {
        var sessions: [SimulatorSession] = []
        var connectionCount = 0
        var firstWatchAt: Int64?
        var scheduled: [(seq: Int64, fault: FeedFault)] = []
        var injected: [FeedFault] = []
        var splitter: (seed: UInt64, maximumPiece: Int)?
        var statistics = SimulatorStatistics()
        var stalledUntil: Int64 = 0
        var recordsDeliveries = false
        var pastSessionDeliveries: [FeedPort: [(connection: Int, seqs: [Int64])]] = [:]
        var playbackFailure: (any Error & Sendable)?
    }

    /// Binds both ports (so a port in use fails here, with its number) without serving anything yet.
    ///
    /// - Throws: ``SystemSupportError`` naming a port that cannot be listened on, or the playback's error.
    public init(playback: any FeedPlayback, configuration: SimulatorConfiguration) throws {
        self.playback = playback
        self.configuration = configuration
        self.streams = try playback.streams()
        self.listeners = [
            .level1: try TCPListener(port: configuration.level1Port),
            .level2: try TCPListener(port: configuration.level2Port),
        ]
    }

    /// The TCP port serving `port`'s stream (the one chosen by the kernel when configured as 0).
    public func tcpPort(for port: FeedPort) -> Int {
        listeners[port]?.port ?? 0
    }

    /// Keeps, per port, the seqs of every data line that reached a client socket (``deliveredSeqs(for:)``). Off by
    /// default: it grows with the capture. Call before ``start()``.
    public func recordDeliveries() {
        shared.withLock { $0.recordsDeliveries = true }
    }

    /// Starts accepting clients, sending heartbeats and (once watched) playing back.
    public func start() {
        for (port, listener) in listeners {
            spawn("iqfeed-sim-accept-\(port.rawValue)") { self.acceptLoop(port: port, listener: listener) }
        }
        spawn("iqfeed-sim-heartbeat") { self.heartbeatLoop() }
        spawn("iqfeed-sim-playback") { self.playbackLoop() }
    }

    /// Applies `fault` when playback reaches the line with seq `seq` (before sending it).
    public func schedule(_ fault: FeedFault, atSeq seq: Int64) {
        shared.withLock { state in
            state.scheduled.append((seq, fault))
            state.scheduled.sort { $0.seq < $1.seq }
        }
    }

    /// Applies `fault` now: connection faults (`disconnect`, `reset`, `splitWrites`) at once, line faults before the
    /// next line is played.
    public func inject(_ fault: FeedFault) {
        switch fault {
        case .disconnect, .reset, .splitWrites:
            apply(fault, seq: nil)
        case .stall, .corrupt, .drop, .serverDisconnect:
            shared.withLock { $0.injected.append(fault) }
        }
    }

    /// Waits until every line has been played; false if `timeout` passed first.
    public func waitUntilFinished(timeout: Duration) -> Bool {
        let finished = finishedSignal.wait(timeout: .now() + .nanoseconds(Int(timeout.nanoseconds))) == .success
        if finished { finishedSignal.signal() }
        return finished
    }

    /// Counters so far.
    public var statistics: SimulatorStatistics { shared.withLock { $0.statistics } }

    /// The error that stopped playback early (the capture could not be read), if one did.
    public var playbackFailure: (any Error & Sendable)? { shared.withLock { $0.playbackFailure } }

    /// Seqs of the data lines on `port` that reached a client, connection after connection (needs
    /// ``recordDeliveries()``).
    public func deliveredSeqs(for port: FeedPort) -> [Int64] {
        deliveredSeqsPerConnection(for: port).flatMap { $0 }
    }

    /// Seqs of the data lines on `port` that reached each client connection, in the order the connections were
    /// accepted (needs ``recordDeliveries()``).
    public func deliveredSeqsPerConnection(for port: FeedPort) -> [[Int64]] {
        let (past, sessions) = shared.withLock { state in
            (state.pastSessionDeliveries[port, default: []], state.sessions.filter { $0.port == port })
        }
        let current = sessions.map { (connection: $0.number, seqs: $0.deliveredSeqs) }
        return (past + current).sorted { $0.connection < $1.connection }.map(\.seqs)
    }

    /// Stops playback, drops every connection (without waiting for clients to read what is queued) and the
    /// listeners, and waits for the threads to end.
    public func stop() {
        stopped.store(true, ordering: .sequentiallyConsistent)
        for listener in listeners.values { listener.shutdown() }
        let sessions = shared.withLock { $0.sessions }
        for session in sessions { session.abort() }
        threads.wait()
    }

    /// Sleeps up to `nanoseconds`, in slices, returning early once the simulator is stopped.
    func sleepUnlessStopped(nanoseconds: Int64) {
        let end = MonotonicClock.deadline(after: nanoseconds)
        while !isStopped {
            let left = end - MonotonicClock.nanoseconds()
            guard left > 0 else { return }
            MonotonicClock.sleep(nanoseconds: min(left, 50_000_000))
        }
    }

    var isStopped: Bool { stopped.load(ordering: .sequentiallyConsistent) }

    private func spawn(_ name: String, _ body: @escaping @Sendable () -> Void) {
        threads.enter()
        let thread = Thread { [threads] in
            body()
            threads.leave()
        }
        thread.name = name
        thread.start()
    }

    // MARK: clients

    private func acceptLoop(port: FeedPort, listener: TCPListener) {
        while !isStopped {
            guard let stream = listener.accept(timeout: .milliseconds(200)) else { continue }
            let session = shared.withLock { state in
                state.connectionCount += 1
                state.statistics.connections += 1
                let splitter = state.splitter.map { WriteSplitter(seed: $0.seed, maximumPiece: $0.maximumPiece) }
                let session = SimulatorSession(
                    port: port,
                    number: state.connectionCount,
                    stream: stream,
                    splitter: splitter
                )
                state.sessions.append(session)
                return session
            }
            for line in SimulatorPreamble.lines(for: port, tcpPort: listener.port) { session.queue(line) }
            session.queue(SimulatorPreamble.heartbeat())
            session.flush()
            spawn("iqfeed-sim-session-\(session.number)") { self.commandLoop(session) }
        }
    }

    private func commandLoop(_ session: SimulatorSession) {
        let framer = LineFramer(capacity: 64 * 1024)
        while !isStopped && !session.isClosed {
            let received = framer.fill(from: session.stream, timeout: .milliseconds(200))
            if received == .closed { break }
            framer.takeLines().forEach { bytes in
                handle(SimulatorCommand(Substring(String(decoding: bytes, as: UTF8.self))), from: session)
            }
            session.flush()
        }
        retire(session)
    }

    /// Removes a finished session, keeping what it delivered.
    private func retire(_ session: SimulatorSession) {
        session.close()
        shared.withLock { state in
            guard let index = state.sessions.firstIndex(where: { $0 === session }) else { return }
            state.sessions.remove(at: index)
            if state.recordsDeliveries {
                state.pastSessionDeliveries[session.port, default: []].append((session.number, session.deliveredSeqs))
            }
        }
    }

    private func handle(_ command: SimulatorCommand, from session: SimulatorSession) {
        switch command {
        case .setProtocol(let version):
            session.queue(version == "6.2" ? "S,CURRENT PROTOCOL,6.2" : "E,\(version) is not a valid protocol.,")
        case .selectUpdateFields where session.port != .level1:
            session.queue("E,!SYNTAX_ERROR!,")
        case .selectUpdateFields(var names):
            if names.first != "Symbol" { names.insert("Symbol", at: 0) }
            session.setFieldMap(Level1FieldMap(recorded: playback.level1Fields, selected: names))
            session.queue("S,CURRENT UPDATE FIELDNAMES," + names.joined(separator: ","))
        case .watch(let symbol, let kind):
            guard streams[session.port]?.contains(symbol) == true else {
                session.queue("n,\(symbol)")
                return
            }
            session.updateWatch(symbol, kind, watching: true)
            shared.withLock { $0.firstWatchAt = $0.firstWatchAt ?? MonotonicClock.nanoseconds() }
        case .unwatch(let symbol, let kind):
            session.updateWatch(symbol, kind, watching: false)
        case .refresh(let symbol):
            if streams[session.port]?.contains(symbol) != true { session.queue("n,\(symbol)") }
        case .requestWatches:
            session.queue("S,WATCHES," + session.watches.keys.sorted().map { $0 + "," }.joined())
        case .unwatchAll:
            session.unwatchAll()
        case .timestamp:
            session.queue(SimulatorPreamble.heartbeat())
        case .timestamps(let on):
            session.setTimestamps(on: on)
        case .ignored:
            break
        case .unknown:
            session.queue("E,!SYNTAX_ERROR!,")
        }
    }

    private func heartbeatLoop() {
        let interval = configuration.heartbeatInterval.nanoseconds
        var next = MonotonicClock.nanoseconds() + interval
        while !isStopped {
            MonotonicClock.sleep(nanoseconds: min(next - MonotonicClock.nanoseconds(), 100_000_000))
            let now = MonotonicClock.nanoseconds()
            guard now >= next else { continue }
            next += interval
            let (sessions, stalled) = shared.withLock { ($0.sessions, $0.stalledUntil > now) }
            guard !stalled else { continue }
            let line = SimulatorPreamble.heartbeat()
            for session in sessions where session.timestampsOn {
                session.queue(line)
                session.flushIfIdle()
            }
        }
    }

    // MARK: faults

    /// Applies a fault that acts on connections or timing right away; line faults are kept for the playback loop.
    func apply(_ fault: FeedFault, seq: Int64?) {
        let sessions = shared.withLock { state in
            state.statistics.faultsApplied.append(
                AppliedFault(fault: fault, seq: seq, at: MonotonicClock.nanoseconds())
            )
            return state.sessions
        }
        switch fault {
        case .disconnect(let ports):
            for session in sessions where ports.contains(session.port) { session.close() }
        case .reset(let ports):
            for session in sessions where ports.contains(session.port) { session.reset() }
        case .splitWrites(let seed, let maximumPiece):
            shared.withLock { $0.splitter = (seed, maximumPiece) }
            for session in sessions {
                session.setSplitter(WriteSplitter(seed: seed &+ UInt64(session.number), maximumPiece: maximumPiece))
            }
        case .stall, .corrupt, .drop, .serverDisconnect:
            break
        }
    }

    /// The sessions now connected.
    var sessions: [SimulatorSession] { shared.withLock { $0.sessions } }

    /// Takes the faults due at `seq`: scheduled ones whose seq is reached, then injected ones.
    func dueFaults(at seq: Int64) -> [FeedFault] {
        shared.withLock { state in
            var due: [FeedFault] = []
            while let first = state.scheduled.first, first.seq <= seq {
                due.append(first.fault)
                state.scheduled.removeFirst()
            }
            due += state.injected
            state.injected.removeAll()
            return due
        }
    }

    func withState<Result>(_ body: (inout SharedState) -> Result) -> Result {
        shared.withLock { body(&$0) }
    }

    func markFinished() {
        finishedSignal.signal()
    }
}
