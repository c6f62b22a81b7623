/// The "received" stamp of each event in flight, by `seq`, so the delivery handler can store it next to the
/// "produced-acked" stamp without a lookup table.
///
/// A ring of `capacity` slots: slot `seq % capacity` is written by the source before the message is handed to
/// librdkafka and read by the delivery handler after librdkafka reports it. librdkafka's queue locks order the
/// write before the read. Events in flight must stay fewer than `capacity` (the producer's queue limit bounds them).
///
/// `@unchecked Sendable`: one writer (the source thread) and one reader (the serving thread) per slot, ordered as
/// above; the memory lives as long as the ring.
final class ReceivedStampRing: @unchecked Sendable {
    private let slots: UnsafeMutablePointer<Int64>
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = max(1, capacity)
        slots = .allocate(capacity: self.capacity)
        slots.initialize(repeating: 0, count: self.capacity)
    }

    deinit {
        slots.deallocate()
    }

    @inline(__always)
    func store(_ nanoseconds: Int64, seq: Int64) {
        slots[Int(UInt64(bitPattern: seq) % UInt64(capacity))] = nanoseconds
    }

    @inline(__always)
    func load(seq: Int64) -> Int64 {
        slots[Int(UInt64(bitPattern: seq) % UInt64(capacity))]
    }
}
