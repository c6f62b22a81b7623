import Foundation
import SQLite
import Synchronization
import SystemSupport

/// The run's own record, `run.sqlite` in the run folder: what the source produced and when Kafka acknowledged it
/// (the "received" and "produced-acked" stamps of every event), the health samples, and every breaker and alert
/// transition. The processors' stamps live with the stored events in the sink; the audit joins the two by `seq`.
///
/// Delivery rows arrive on Kafka's delivery thread; ``record(_:)`` only buffers them and a writer thread stores
/// them every 50 ms in one transaction.
public final class RunDatabase: Sendable {
    /// One produced event and its delivery outcome.
    public struct Delivery: Sendable, Hashable {
        public var seq: Int64
        public var partition: Int32
        public var offset: Int64
        public var receivedNs: Int64
        public var ackedNs: Int64
        /// The delivery error's name (`_MSG_TIMED_OUT`...), `nil` when Kafka has it.
        public var error: String?

        public init(seq: Int64, partition: Int32, offset: Int64, receivedNs: Int64, ackedNs: Int64, error: String?) {
            self.seq = seq
            self.partition = partition
            self.offset = offset
            self.receivedNs = receivedNs
            self.ackedNs = ackedNs
            self.error = error
        }
    }

    public let path: String
    private let pending = Mutex<[Delivery]>([])
    private let writer: Mutex<RunDatabaseWriter>
    private let stopRequested = Atomic<Bool>(false)
    private let writerStopped = DispatchSemaphore(value: 0)
    private let failure = Mutex<String?>(nil)

    /// Creates `path` (which must not exist) with the run's tables and starts the writer thread.
    public init(path: String, runID: UInt64, metadata: [String: String]) throws {
        self.path = path
        guard !FileManager.default.fileExists(atPath: path) else {
            throw SinkError(.rejected, "run database \(path) already exists; choose another --out folder")
        }
        let writer = try RunDatabaseWriter(path: path)
        try writer.setMetadata(metadata.merging(["run_id": String(runID, radix: 16)]) { $1 })
        self.writer = Mutex(writer)
        startThread(named: "run-db") { [self] in
            while !stopRequested.load(ordering: .acquiring) {
                flush()
                MonotonicClock.sleep(nanoseconds: 50_000_000)
            }
            flush()
            writerStopped.signal()
        }
    }

    /// Buffers delivery outcomes for the writer thread. Cheap: call it from Kafka's delivery handler.
    public func record(_ deliveries: some Sequence<Delivery>) {
        pending.withLock { $0.append(contentsOf: deliveries) }
    }

    /// Stores a health sample (JSON) taken `atNs` (Unix ns).
    public func recordSample(atNs: Int64, json: String) {
        perform { try $0.insertSample(atNs: atNs, json: json) }
    }

    /// Stores a breaker or alert transition.
    public func recordTransition(atNs: Int64, kind: String, name: String, from: String, to: String, reason: String) {
        perform { try $0.insertTransition(atNs: atNs, kind: kind, name: name, from: from, to: to, reason: reason) }
    }

    /// Sets run metadata (`key` → `value`).
    public func setMetadata(_ values: [String: String]) {
        perform { try $0.setMetadata(values) }
    }

    /// Writes what is buffered and stops the writer thread. Returns the first write failure, if any.
    @discardableResult
    public func close() -> String? {
        if !stopRequested.exchange(true, ordering: .acquiringAndReleasing) {
            writerStopped.wait()
        }
        return failure.withLock { $0 }
    }

    private func flush() {
        let batch = pending.withLock { pending -> [Delivery] in
            defer { pending.removeAll(keepingCapacity: true) }
            return pending
        }
        guard !batch.isEmpty else { return }
        perform { try $0.insertDeliveries(batch) }
    }

    private func perform(_ body: (RunDatabaseWriter) throws -> Void) {
        writer.withLock { writer in
            do {
                try body(writer)
            } catch {
                failure.withLock { $0 = $0 ?? "run database \(path): \(error)" }
            }
        }
    }
}
