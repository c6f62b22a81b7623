import CRdKafka
import Foundation
import Synchronization

/// Serves a producer's delivery reports and errors with as few thread hand-offs as possible.
///
/// While messages are being sent, the sending thread serves what is ready every ``sendsPerServing`` sends
/// (`rd_kafka_poll(rk, 0)`), and the watcher thread looks in once a millisecond for what the last sends left. While
/// nobody sends, the watcher sleeps on a pipe that librdkafka writes whenever the main queue goes from empty to
/// non-empty (`rd_kafka_queue_io_event_enable`), so reports are handed over promptly. On a 2-core
/// machine, a thread woken for every report costs about a tenth of the throughput, and per-message callbacks
/// buffered into one batch cost less than librdkafka's event API. One `Mutex` makes sure one thread at a time
/// polls and hands over, so batches reach the handler one by one, in librdkafka's order.
///
/// The handler runs with the serving lock held: it must not call back into the producer's `flush`,
/// `waitForQueueSpace` or `close`, which take the same lock.
///
/// `@unchecked Sendable`: the handles and pipe descriptors are set once and released in `deinit`, which cannot run
/// before the watcher thread (which holds a reference) has exited; librdkafka handles are thread-safe and `serving`
/// orders every poll.
final class ProducerEventQueue: @unchecked Sendable {
    private let client: RDKafkaClient
    private let mainQueue: OpaquePointer
    private let context: ProducerCallbackContext
    private let handler: @Sendable (KafkaProducerEvent) -> Void
    private let serving = Mutex<Void>(())
    private let wakeRead: Int32
    private let wakeWrite: Int32
    private let stopRequested = Atomic<Bool>(false)
    private let watcherStopped = DispatchSemaphore(value: 0)
    private let watching = Atomic<Bool>(false)
    private let sends = Atomic<UInt64>(0)
    private let handedOver = Atomic<UInt64>(0)
    private let watcherThread = Mutex<pthread_t?>(nil)

    /// How often a sending thread serves ready reports. An idle `rd_kafka_poll` costs about half the instructions of a send (callgrind), so
    /// serving on every send, as librdkafka's examples do, costs more than it brings.
    static let sendsPerServing: UInt64 = 128

    /// Serves `client`, whose callbacks were installed with `context`, handing batches to `handler`.
    init(
        client: RDKafkaClient,
        context: ProducerCallbackContext,
        handler: @escaping @Sendable (KafkaProducerEvent) -> Void
    ) {
        self.client = client
        self.context = context
        self.handler = handler
        mainQueue = rd_kafka_queue_get_main(client.handle)
        var fds: [Int32] = [-1, -1]
        precondition(pipe(&fds) == 0, "could not create a pipe for Kafka event wake-ups: errno \(errno)")
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        (wakeRead, wakeWrite) = (fds[0], fds[1])
        var payload: UInt8 = 1
        rd_kafka_queue_io_event_enable(mainQueue, wakeWrite, &payload, 1)
    }

    deinit {
        stopWatcher()
        rd_kafka_queue_io_event_enable(mainQueue, -1, nil, 0)
        rd_kafka_queue_destroy(mainQueue)
        close(wakeRead)
        close(wakeWrite)
    }

    /// Called after each message queued: serves what is ready every ``sendsPerServing`` sends.
    func didSend() {
        if sends.wrappingAdd(1, ordering: .relaxed).newValue % Self.sendsPerServing == 0 {
            serveReady()
        }
    }

    /// Serves what is ready now, unless another thread is serving. Never blocks.
    func serveReady() {
        serving.withLockIfAvailable { _ in
            poll(timeoutMilliseconds: 0)
        }
    }

    /// Waits up to `timeout` for reports or errors and serves them. Taking the lock also waits for a hand-over
    /// in progress on another thread, so everything served before this call has reached the handler when it returns.
    func serve(waitingUpTo timeout: Duration) {
        let milliseconds = timeout.timeoutMilliseconds
        serving.withLock { _ in
            poll(timeoutMilliseconds: milliseconds)
        }
    }

    /// How many delivery reports have been handed to the handler so far, by any thread.
    var reportsHandedOver: UInt64 {
        handedOver.load(ordering: .acquiring)
    }

    /// Starts the watcher thread that serves while no sender does.
    func startWatcher(name: String) {
        guard !watching.exchange(true, ordering: .acquiringAndReleasing) else { return }
        // A strong reference: `deinit` cannot run while the thread uses `self`, even if the handler drops the last
        // reference to the producer on this thread.
        let thread = Thread { [self] in
            watcherThread.withLock { $0 = pthread_self() }
            var sendsSeen = sends.load(ordering: .relaxed)
            while !stopRequested.load(ordering: .acquiring) {
                let sendsNow = sends.load(ordering: .relaxed)
                if sendsNow != sendsSeen {
                    sendsSeen = sendsNow
                    usleep(1000)
                } else {
                    drainWakeUps()
                    serveReady()
                    waitForWakeUp(milliseconds: 100)
                }
                serveReady()
            }
            watcherStopped.signal()
        }
        thread.name = name
        thread.start()
    }

    /// Stops the watcher thread and waits until it has exited (unless called on the watcher thread itself, from
    /// the handler: it then exits after the handler returns). Safe to call more than once.
    func stopWatcher() {
        guard watching.exchange(false, ordering: .acquiringAndReleasing) else { return }
        stopRequested.store(true, ordering: .releasing)
        var byte: UInt8 = 0
        _ = write(wakeWrite, &byte, 1)
        let onWatcher = watcherThread.withLock { thread in thread.map { pthread_equal($0, pthread_self()) != 0 } }
        if onWatcher != true {
            watcherStopped.wait()
        }
    }

    private func waitForWakeUp(milliseconds: Int32) {
        var descriptor = pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)
        _ = Glibc.poll(&descriptor, 1, milliseconds)
    }

    private func drainWakeUps() {
        var drain = [UInt8](repeating: 0, count: 64)
        while read(wakeRead, &drain, drain.count) > 0 {}
    }

    /// Polls once (callbacks fill `context`) and hands the buffered batch over. Call with `serving` held.
    private func poll(timeoutMilliseconds: Int32) {
        rd_kafka_poll(client.handle, timeoutMilliseconds)
        if !context.reports.isEmpty {
            let reports = context.reports
            context.reports.removeAll(keepingCapacity: true)
            handler(.deliveryReports(reports))
            handedOver.add(UInt64(reports.count), ordering: .releasing)
        }
        if !context.errors.isEmpty {
            let errors = context.errors
            context.errors.removeAll()
            errors.forEach { handler(.error($0)) }
        }
    }
}
