import Capture
import MarketData
import SystemSupport

extension IQFeedSimulator {
    /// Waits for the watches, then plays every line at the configured pace, applying faults on the way.
    func playbackLoop() {
        guard waitForWatches() else { return }
        var pacer = PlaybackPacer(pace: configuration.pace)
        var lineFaults = LineFaults()
        do {
            try playback.forEachLine { line in
                guard !isStopped else { return false }
                for fault in dueFaults(at: line.seq) { begin(fault, seq: line.seq, lineFaults: &lineFaults) }
                endServerOutageIfDue(&lineFaults)
                guard line.symbol != nil else { return true }
                if let wait = pacer.wait(before: line.recvNs), wait > 0 {
                    flushAll()
                    sleepUnlessStopped(nanoseconds: wait)
                    guard !isStopped else { return false }
                    endServerOutageIfDue(&lineFaults)
                }
                play(line, lineFaults: &lineFaults)
                return true
            }
        } catch {
            withState { $0.playbackFailure = error }
        }
        flushAll()
        endServerOutageIfDue(&lineFaults, force: true)
        withState { $0.statistics.finished = true }
        markFinished()
    }

    /// Waits until every recorded (port, symbol) is watched, or the start timeout after the first watch.
    private func waitForWatches() -> Bool {
        let timeout = configuration.startTimeout.nanoseconds
        while !isStopped {
            let firstWatch = withState { $0.firstWatchAt }
            if let firstWatch, MonotonicClock.nanoseconds() - firstWatch >= timeout { return true }
            if firstWatch != nil && allStreamsWatched() { return true }
            sleepUnlessStopped(nanoseconds: 10_000_000)
        }
        return false
    }

    private func allStreamsWatched() -> Bool {
        var watched: [FeedPort: Set<String>] = [:]
        for session in sessions { watched[session.port, default: []].formUnion(session.watches.keys) }
        return streams.allSatisfy { port, symbols in symbols.isSubset(of: watched[port] ?? []) }
    }

    private func play(_ line: CaptureEvent, lineFaults: inout LineFaults) {
        if lineFaults.serverDownUntil != nil || lineFaults.dropRemaining > 0 {
            if lineFaults.serverDownUntil == nil { lineFaults.dropRemaining -= 1 }
            withState {
                $0.statistics.linesPlayed += 1
                $0.statistics.droppedSeqs.append(line.seq)
            }
            return
        }
        let corrupted = lineFaults.corruptRemaining > 0
        let (sessions, recordSeq) = withState { ($0.sessions, $0.recordsDeliveries) }
        var queued = false
        for session in sessions where session.offer(line, corrupted: corrupted, recordSeq: recordSeq) {
            queued = true
            if session.pendingCount >= 64 * 1024 { session.flush() }
        }
        if corrupted && queued { lineFaults.corruptRemaining -= 1 }
        withState { state in
            state.statistics.linesPlayed += 1
            if queued { state.statistics.linesSent[line.port, default: 0] += 1 }
            if corrupted && queued { state.statistics.corruptedSeqs.append(line.seq) }
        }
    }

    private func begin(_ fault: FeedFault, seq: Int64, lineFaults: inout LineFaults) {
        apply(fault, seq: seq)
        switch fault {
        case .stall(let duration):
            flushAll()
            let until = MonotonicClock.deadline(after: duration.nanoseconds)
            withState { $0.stalledUntil = until }
            sleepUnlessStopped(nanoseconds: duration.nanoseconds)
            // Waking up, IQConnect's clock ticks before the backlog flows, as it would.
            for session in sessions { session.queue(SimulatorPreamble.heartbeat()) }
            flushAll()
        case .corrupt(let count):
            lineFaults.corruptRemaining += count
        case .drop(let count):
            lineFaults.dropRemaining += count
        case .serverDisconnect(let duration):
            for session in sessions { session.queue("S,SERVER DISCONNECTED") }
            flushAll()
            lineFaults.serverDownUntil = MonotonicClock.deadline(after: duration.nanoseconds)
        case .disconnect, .reset, .splitWrites:
            break
        }
    }

    /// After a server outage: `S,SERVER CONNECTED`, then `S,CLEAR DEPTH` for both sides of each watched depth symbol.
    private func endServerOutageIfDue(_ lineFaults: inout LineFaults, force: Bool = false) {
        guard let until = lineFaults.serverDownUntil, force || MonotonicClock.nanoseconds() >= until else { return }
        lineFaults.serverDownUntil = nil
        for session in sessions {
            session.queue("S,SERVER CONNECTED")
            if session.port == .level2 {
                for symbol in session.watches.keys.sorted() {
                    session.queue("S,CLEAR DEPTH,\(symbol),B,")
                    session.queue("S,CLEAR DEPTH,\(symbol),A,")
                }
            }
        }
        flushAll()
    }

    private func flushAll() {
        for session in sessions { session.flush() }
    }
}

/// Line faults in progress on the playback thread.
struct LineFaults {
    var corruptRemaining = 0
    var dropRemaining = 0
    var serverDownUntil: Int64?
}
