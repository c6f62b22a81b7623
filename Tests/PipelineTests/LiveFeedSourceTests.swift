import Capture
import Feed
import Foundation
import Kafka
import MarketData
import Pipeline
import SQLite
import SystemSupport
import Testing

@Suite("LiveFeedSource: live lines to Kafka, spilling to a journal while Kafka cannot take them", .serialized)
struct LiveFeedSourceTests {
    @Test("lines from a live-like feed arrive in Kafka in order, with key, value and headers", .timeLimit(.minutes(2)))
    func linesArriveInOrder() throws {
        let directory = try TemporaryDirectory(prefix: "live-source")
        defer { try? directory.remove() }
        let cluster = try LiveTest.cluster()
        let playback = LiveTest.playback(count: 600, symbols: ["AAPL", "MSFT"])
        var simulatorConfiguration = SimulatorConfiguration(level1Port: 0, level2Port: 0)
        simulatorConfiguration.pace = .max
        let simulator = try IQFeedSimulator(playback: playback, configuration: simulatorConfiguration)
        simulator.start()
        defer { simulator.stop() }
        let startNs = MonotonicClock.unixNanoseconds()
        let run = try LiveTest.Run(cluster: cluster, directory: directory)
        var clientConfiguration = IQFeedClientConfiguration(symbols: ["AAPL", "MSFT"])
        clientConfiguration.level1Port = simulator.tcpPort(for: .level1)
        clientConfiguration.level2Port = simulator.tcpPort(for: .level2)
        let client = IQFeedClient(configuration: clientConfiguration, sink: run.source)
        client.start()

        let reader = try LiveTest.TopicReader(cluster: cluster)
        #expect(
            LiveTest.waitUntil {
                reader.poll()
                return reader.messages.filter(\.isDataLine).count >= playback.lines.count
            },
            "every played line reaches Kafka"
        )
        client.stop()
        #expect(run.source.stop(drainTimeout: .seconds(30)))
        let endNs = MonotonicClock.unixNanoseconds()

        #expect(run.source.counters.spilled.value == 0)
        #expect(run.source.counters.lost.value == 0)
        #expect(run.source.counters.publishedDirect.value == run.source.counters.received.value)
        let received = run.source.counters.received.value
        let messages = try LiveTest.readTopic(reader, expecting: received)
        let seqs = messages.map(\.seq)
        #expect(Set(seqs).count == seqs.count, "no line twice")
        #expect(Set(seqs) == Set(1...received), "every line received, system lines and heartbeats too")
        for message in messages {
            #expect(message.trace == TraceContext(runID: LiveTest.runID, seq: message.seq))
            #expect((startNs...endNs).contains(message.receivedNs))
            #expect(message.key == FeedLine.symbol(of: message.line, port: message.port).map(String.init) ?? "")
        }
        LiveTest.expectSeqOrderPerKey(messages)
        for port in [FeedPort.level1, .level2] {
            for symbol in ["AAPL", "MSFT"] {
                let played = playback.lines.filter { $0.port == port && $0.symbol == symbol }.map(\.line)
                let arrived = messages.filter { $0.port == port && $0.key == symbol && $0.isDataLine }
                #expect(arrived.map(\.line) == played, "\(symbol) on \(port): the played lines, in order")
            }
        }
    }

    @Test(
        "with every broker down and Kafka's queue full lines spill; back up, the journal drains in order, then lines go straight again",
        .timeLimit(.minutes(3))
    )
    func spillsAndDrains() throws {
        let directory = try TemporaryDirectory(prefix: "live-source")
        defer { try? directory.remove() }
        let cluster = try LiveTest.cluster()
        let run = try LiveTest.Run(cluster: cluster, directory: directory, maxQueuedMessages: 100)
        let counters = run.source.counters
        let feeder = LiveTest.Feeder(source: run.source)

        feeder.feed(50)
        #expect(LiveTest.waitUntil { run.pipelineCounters.acked.value == 50 }, "the first lines are acknowledged")
        #expect(counters.publishedDirect.value == 50)

        for broker in cluster.brokerIDs { try cluster.setBrokerDown(broker) }
        feeder.feed(3_000)
        #expect(counters.received.value == 3_050)
        #expect(counters.lost.value == 0)
        #expect(counters.publishedDirect.value == 150, "a queue's worth (100) more went to Kafka, then it was full")
        #expect(counters.spilled.value == 2_900, "every later line spilled")
        #expect(counters.spillEpisodes.value == 1)
        #expect(counters.drained.value == 0)
        #expect(counters.journalDepth.value == 2_900)
        #expect(
            LiveTest.waitUntil { (try? LiveTest.committedRows(in: run.journalPath)) == 2_900 },
            "the journal on disk holds every spilled line within moments"
        )

        for broker in cluster.brokerIDs { try cluster.setBrokerUp(broker) }
        // Keep the feed coming while the journal drains: these lines queue behind it while it holds any (how many
        // it still holds when each batch comes depends on the machine's speed, so only the totals are exact).
        var fed = 3_050
        while fed < 5_050 {
            let depth = counters.journalDepth.value
            feeder.feed(100)
            fed += 100
            #expect(LiveTest.waitUntil { counters.journalDepth.value < depth + 100 }, "the journal drains")
        }
        #expect(LiveTest.waitUntil { counters.journalDepth.value == 0 }, "the journal empties")
        #expect(LiveTest.waitUntil { run.pipelineCounters.acked.value == 5_050 }, "every line is acknowledged")
        let spilled = counters.spilled.value
        #expect(spilled >= 2_900)
        #expect(counters.drained.value == spilled, "every spilled line was drained")
        #expect(counters.publishedDirect.value + spilled == 5_050, "every line went one way or the other")

        let direct = counters.publishedDirect.value
        feeder.feed(50)
        #expect(counters.spilled.value == spilled, "with the journal empty, lines go straight to Kafka again")
        #expect(counters.publishedDirect.value == direct + 50)
        #expect(run.source.stop(drainTimeout: .seconds(30)))

        let messages = try LiveTest.readTopic(cluster: cluster, expecting: 5_100)
        LiveTest.expectEveryLineOnce(messages, seqs: 1...5_100, feeder: feeder)
        LiveTest.expectSeqOrderPerKey(messages)
        #expect(run.pipelineCounters.deliveryFailed.value == 0)
        #expect(run.pipelineCounters.emitted.value == 5_100)
        #expect(try LiveTest.committedRows(in: run.journalPath) == 0)
    }

    @Test("while the Kafka breaker is open lines spill; the drain's probe closes it", .timeLimit(.minutes(2)))
    func spillsWhileBreakerOpen() throws {
        let directory = try TemporaryDirectory(prefix: "live-source")
        defer { try? directory.remove() }
        let cluster = try LiveTest.cluster()
        let breaker = CircuitBreaker(name: "kafka", failureThreshold: 1, openDuration: .milliseconds(300))
        let run = try LiveTest.Run(cluster: cluster, directory: directory, breaker: breaker)
        let counters = run.source.counters
        let feeder = LiveTest.Feeder(source: run.source)

        feeder.feed(50)
        breaker.recordFailure(now: .nanoseconds(MonotonicClock.nanoseconds()), reason: "test")
        #expect(breaker.state == .open)
        feeder.feed(200)
        #expect(counters.publishedDirect.value == 50)
        #expect(counters.spilled.value == 200, "Kafka has room, but the breaker is open")
        #expect(LiveTest.waitUntil { counters.journalDepth.value == 0 }, "the journal empties")
        #expect(breaker.state == .closed, "the drained batch was the probe")
        #expect(counters.drained.value == 200)
        feeder.feed(50)
        #expect(counters.publishedDirect.value == 100)
        #expect(run.source.stop(drainTimeout: .seconds(30)))

        let messages = try LiveTest.readTopic(cluster: cluster, expecting: 300)
        LiveTest.expectEveryLineOnce(messages, seqs: 1...300, feeder: feeder)
        LiveTest.expectSeqOrderPerKey(messages)
    }

    @Test(
        "a journaled batch whose delivery fails stays journaled and is sent again; a direct line's failure is counted",
        .timeLimit(.minutes(2))
    )
    func failedDeliveriesAreResent() throws {
        let directory = try TemporaryDirectory(prefix: "live-source")
        defer { try? directory.remove() }
        let cluster = try LiveTest.cluster()
        let run = try LiveTest.Run(cluster: cluster, directory: directory, maxQueuedMessages: 100) { producer in
            producer.messageTimeout = .seconds(1)
        }
        let counters = run.source.counters
        let feeder = LiveTest.Feeder(source: run.source)
        for broker in cluster.brokerIDs { try cluster.setBrokerDown(broker) }
        feeder.feed(300)
        #expect(counters.publishedDirect.value == 100)
        #expect(counters.spilled.value == 200)
        #expect(LiveTest.waitUntil { counters.resent.value > 0 }, "a drained batch timed out and is sent again")
        #expect(counters.drained.value == 0)
        #expect(counters.journalDepth.value == 200, "nothing left the journal without an acknowledgement")

        for broker in cluster.brokerIDs { try cluster.setBrokerUp(broker) }
        #expect(LiveTest.waitUntil { counters.journalDepth.value == 0 }, "the journal empties")
        #expect(counters.drained.value == 200)
        #expect(run.source.stop(drainTimeout: .seconds(30)))
        let acked = run.pipelineCounters.acked.value
        #expect(acked >= 200)
        #expect(
            acked + run.pipelineCounters.deliveryFailed.value == 300 + counters.resent.value,
            "every send, first or again, has exactly one delivery report"
        )

        // A send that timed out may still have reached a broker as it came back (librdkafka's "possibly persisted"):
        // its line is then in Kafka twice, the copy later, and the processors' seq guard drops the copy. So every
        // line arrives at least once, the first copies in seq order, and only resent lines twice.
        let reader = try LiveTest.TopicReader(cluster: cluster)
        let size = try reader.topicSize()
        #expect(size >= acked && size - 200 <= counters.resent.value, "copies only of lines sent again")
        let messages = try LiveTest.readTopic(reader, expecting: size)
        LiveTest.expectEveryLine(messages, seqs: 101...300, feeder: feeder, copiesAllowed: true)
        LiveTest.expectSeqOrderPerKey(Self.firstCopies(of: messages))
    }

    /// The first copy of each `seq`, in topic order.
    private static func firstCopies(of messages: [LiveTest.Message]) -> [LiveTest.Message] {
        var seen = Set<Int64>()
        return messages.filter { seen.insert($0.seq).inserted }
    }

    @Test("a journal left by an earlier run is drained before any new line", .timeLimit(.minutes(2)))
    func drainsLeftJournalFirst() throws {
        let directory = try TemporaryDirectory(prefix: "live-source")
        defer { try? directory.remove() }
        let journalPath = directory.url.appendingPathComponent("spill.sqlite").path
        let earlier = LiveTest.Feeder(firstSeq: 1)
        do {
            let journal = try SpillJournal(path: journalPath)
            for seq in Int64(1)...500 {
                let line = earlier.line(seq)
                try Array(line.utf8).withUnsafeBytes { bytes in
                    let symbol = FeedLine.symbolRange(in: bytes, port: .level1).map {
                        UnsafeRawBufferPointer(rebasing: bytes[$0])
                    }
                    try journal.append(seq: seq, symbol: symbol, port: .level1, receivedNs: seq * 1_000, line: bytes)
                }
            }
        }
        #expect(try LiveTest.committedRows(in: journalPath) == 500)

        let cluster = try LiveTest.cluster()
        for broker in cluster.brokerIDs { try cluster.setBrokerDown(broker) }
        let run = try LiveTest.Run(cluster: cluster, directory: directory)
        let counters = run.source.counters
        #expect(counters.journalDepth.value == 500)
        let feeder = LiveTest.Feeder(source: run.source, firstSeq: 501)
        feeder.feed(300)
        #expect(counters.spilled.value == 300, "a journal with lines takes every new line")
        #expect(counters.publishedDirect.value == 0)
        #expect(counters.journalDepth.value == 800)

        for broker in cluster.brokerIDs { try cluster.setBrokerUp(broker) }
        #expect(LiveTest.waitUntil { counters.journalDepth.value == 0 }, "the journal empties")
        #expect(LiveTest.waitUntil { run.pipelineCounters.acked.value == 800 })
        #expect(counters.drained.value == 800)
        #expect(run.source.stop(drainTimeout: .seconds(30)))

        let messages = try LiveTest.readTopic(cluster: cluster, expecting: 800)
        LiveTest.expectEveryLineOnce(messages, seqs: 1...800, feeder: earlier)
        LiveTest.expectSeqOrderPerKey(messages)
        for message in messages where message.seq <= 500 {
            #expect(message.receivedNs == message.seq * 1_000, "the journaled stamp is kept")
        }
    }

    @Test("the journal keeps lines in seq order across a reopen and removes them up to a seq")
    func journalRoundTrip() throws {
        let directory = try TemporaryDirectory(prefix: "live-source")
        defer { try? directory.remove() }
        let path = directory.url.appendingPathComponent("spill.sqlite").path
        let lines: [(seq: Int64, text: String, port: FeedPort)] = [
            (7, "Q,AAPL,1,", .level1),
            (8, "T,20250102 09:30:00", .level1),
            (9, "8,MSFT,B,", .level2),
        ]
        do {
            let journal = try SpillJournal(path: path, commitEvery: 1_000, commitInterval: .seconds(60))
            for (seq, text, port) in lines {
                try Array(text.utf8).withUnsafeBytes { bytes in
                    let symbol = FeedLine.symbolRange(in: bytes, port: port).map {
                        UnsafeRawBufferPointer(rebasing: bytes[$0])
                    }
                    try journal.append(seq: seq, symbol: symbol, port: port, receivedNs: seq, line: bytes)
                }
            }
            #expect(journal.count == 3)
        }
        let journal = try SpillJournal(path: path)
        #expect(journal.count == 3)
        #expect(journal.lastSeq == 9)
        var read: [(Int64, String?, FeedPort, String)] = []
        try journal.forEachInOrder(limit: 10) { record in
            read.append(
                (
                    record.seq, record.symbol.map { String(decoding: $0, as: UTF8.self) }, record.port,
                    String(decoding: record.line, as: UTF8.self)
                )
            )
        }
        #expect(read.map(\.0) == [7, 8, 9])
        #expect(read.map(\.1) == ["AAPL", nil, "MSFT"])
        #expect(read.map(\.2) == [.level1, .level1, .level2])
        #expect(read.map(\.3) == lines.map(\.text))
        try journal.remove(upTo: 8)
        #expect(journal.count == 1)
        var left: [Int64] = []
        try journal.forEachInOrder(limit: 10) { left.append($0.seq) }
        #expect(left == [9])
    }
}

/// Helpers for the live source tests.
private enum LiveTest {
    static let runID: UInt64 = 0x5EED_0000_0000_0001
    static let topic = "md.raw"
    static let partitions = 3

    /// A 3-broker embedded cluster with the raw topic.
    static func cluster() throws -> EmbeddedKafkaCluster {
        let cluster = try EmbeddedKafkaCluster(brokers: 3)
        try cluster.createTopic(topic, partitions: partitions)
        return cluster
    }

    /// A live source on `cluster` with its counters, spilling to a journal in `directory`.
    struct Run {
        let source: LiveFeedSource
        let pipelineCounters = PipelineCounters()
        let journalPath: String

        init(
            cluster: EmbeddedKafkaCluster,
            directory: TemporaryDirectory,
            maxQueuedMessages: Int = 10_000,
            breaker: CircuitBreaker? = nil,
            configure: (inout KafkaProducerConfiguration) -> Void = { _ in }
        ) throws {
            journalPath = directory.url.appendingPathComponent("spill.sqlite").path
            var producer = KafkaProducerConfiguration(bootstrapServers: cluster.bootstrapServers)
            producer.maxQueuedMessages = maxQueuedMessages
            producer.linger = .milliseconds(1)
            configure(&producer)
            let configuration = LiveFeedSourceConfiguration(
                producer: producer,
                topic: LiveTest.topic,
                runID: LiveTest.runID,
                journalPath: journalPath
            )
            source = try LiveFeedSource(
                configuration: configuration,
                counters: pipelineCounters,
                metrics: PipelineMetrics(),
                runDatabase: nil,
                breaker: breaker
            )
        }
    }

    /// Hands Level 1 lines to a source as a reader thread would: 50 lines per receive, through a line framer.
    /// Line `seq` is a quote of one of 7 symbols, or every 25th a heartbeat without a symbol.
    final class Feeder {
        private let source: LiveFeedSource?
        private let framer = LineFramer()
        private var next: Int64

        init(source: LiveFeedSource? = nil, firstSeq: Int64 = 1) {
            self.source = source
            next = firstSeq
        }

        func line(_ seq: Int64) -> String {
            if seq % 25 == 0 {
                "T,20250102 09:30:\(seq % 60)"
            } else {
                "Q,SYM\(seq % 7),\(seq),100.\(seq % 100),200,09:30:00.000001,"
            }
        }

        func feed(_ count: Int) {
            var left = count
            while left > 0 {
                let chunk = min(50, left)
                let text = (next..<next + Int64(chunk)).map { line($0) + "\r\n" }.joined()
                Array(text.utf8).withUnsafeBytes { framer.append($0) }
                source?.receive(framer.takeLines(), from: .level1)
                next += Int64(chunk)
                left -= chunk
            }
        }
    }

    /// Polls every 5 ms until `condition` holds; false if `timeout` passes first.
    static func waitUntil(timeout: Duration = .seconds(60), _ condition: () -> Bool) -> Bool {
        let deadline = MonotonicClock.deadline(after: timeout.nanoseconds)
        while MonotonicClock.nanoseconds() < deadline {
            if condition() { return true }
            MonotonicClock.sleep(nanoseconds: 5_000_000)
        }
        return condition()
    }

    /// Rows committed to the journal file, as another process would see them.
    static func committedRows(in path: String) throws -> Int64 {
        let database = try SQLiteDatabase(path: path, mode: .readOnly)
        return try database.prepare("SELECT count(*) FROM spill").firstRow { $0.int64(at: 0) } ?? -1
    }

    /// A raw-topic message as the tests look at it.
    struct Message {
        let partition: Int32
        let key: String
        let line: String
        let seq: Int64
        let receivedNs: Int64
        let port: FeedPort
        let trace: TraceContext?

        init(_ message: KafkaMessageView) {
            partition = message.partition
            key = message.key.map { String(decoding: $0, as: UTF8.self) } ?? ""
            line = String(decoding: message.value, as: UTF8.self)
            seq = RawEventHeaders.decimal(message.header("seq")) ?? -1
            receivedNs = RawEventHeaders.decimal(message.header("recv_ns")) ?? -1
            port = FeedPort(rawValue: Int(RawEventHeaders.decimal(message.header("port")) ?? 0)) ?? .admin
            trace = TraceContext(traceparent: message.header("traceparent"))
        }

        /// A line about a symbol (not a heartbeat or system line).
        var isDataLine: Bool { !line.isEmpty && !"TSEn".contains(line.first!) }
    }

    /// A group consumer of the raw topic from its start, collecting what it polls.
    final class TopicReader {
        private let consumer: KafkaConsumer
        private(set) var messages: [Message] = []

        init(cluster: EmbeddedKafkaCluster) throws {
            consumer = try KafkaConsumer(
                configuration: KafkaConsumerConfiguration(
                    bootstrapServers: cluster.bootstrapServers,
                    groupID: "live-source-test-\(UInt32.random(in: 0...UInt32.max))"
                )
            )
            try consumer.subscribe(topics: [LiveTest.topic])
        }

        deinit {
            consumer.close()
        }

        func poll() {
            _ = try? consumer.poll(timeout: .milliseconds(100)) { messages.append(Message($0)) }
        }

        /// Messages the topic holds, by its partitions' high watermarks.
        func topicSize() throws -> Int64 {
            try (0..<Int32(LiveTest.partitions)).reduce(0) { total, partition in
                let partition = KafkaTopicPartition(topic: LiveTest.topic, partition: partition)
                return total + (try consumer.watermarks(of: partition, timeout: .seconds(10)).high)
            }
        }
    }

    /// Everything the topic holds, read from its start; the topic should hold `expecting` messages.
    static func readTopic(cluster: EmbeddedKafkaCluster, expecting: Int64) throws -> [Message] {
        try readTopic(TopicReader(cluster: cluster), expecting: expecting)
    }

    /// Everything the topic holds, read by `reader` (which may have read some of it already).
    static func readTopic(_ reader: TopicReader, expecting: Int64) throws -> [Message] {
        let size = try reader.topicSize()
        #expect(size == expecting, "the topic holds one message per line (more would be Kafka duplicates)")
        let read = waitUntil {
            reader.poll()
            return reader.messages.count >= size
        }
        #expect(read, "the whole topic is read")
        return reader.messages
    }

    /// Every `seq` of `seqs` arrived once, with the line fed under it and its symbol as key.
    static func expectEveryLineOnce(
        _ messages: [Message],
        seqs: ClosedRange<Int64>,
        feeder: Feeder,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        expectEveryLine(messages, seqs: seqs, feeder: feeder, copiesAllowed: false, sourceLocation: sourceLocation)
    }

    /// Every `seq` of `seqs` arrived (once, unless `copiesAllowed`), each copy with the line fed under it and its
    /// symbol as key.
    static func expectEveryLine(
        _ messages: [Message],
        seqs: ClosedRange<Int64>,
        feeder: Feeder,
        copiesAllowed: Bool,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let bySeq = Dictionary(grouping: messages, by: \.seq)
        #expect(Set(bySeq.keys) == Set(seqs), "no line lost, none unknown", sourceLocation: sourceLocation)
        #expect(
            copiesAllowed || bySeq.values.allSatisfy { $0.count == 1 },
            "no line twice",
            sourceLocation: sourceLocation
        )
        for (seq, copies) in bySeq {
            let expected = feeder.line(seq)
            let symbol = FeedLine.symbol(of: expected, port: .level1).map(String.init) ?? ""
            #expect(copies.allSatisfy { $0.line == expected && $0.key == symbol }, sourceLocation: sourceLocation)
            #expect(copies.allSatisfy { $0.port == .level1 && $0.trace?.seq == seq }, sourceLocation: sourceLocation)
        }
    }

    /// Within each key (so each partition's share of it), messages arrive in increasing `seq`: Kafka holds them in
    /// the order they were numbered, journaled or not.
    static func expectSeqOrderPerKey(_ messages: [Message], sourceLocation: SourceLocation = #_sourceLocation) {
        for (key, arrived) in Dictionary(grouping: messages, by: \.key) where !key.isEmpty {
            let seqs = arrived.map(\.seq)
            #expect(seqs == seqs.sorted(), "key \(key): in seq order", sourceLocation: sourceLocation)
        }
    }

    /// Level 1 quotes and Level 2 price levels over `symbols`, as a recorded capture would hold them.
    static func playback(count: Int, symbols: [String]) -> MemoryPlayback {
        let lines = (0..<count).map { index -> CaptureEvent in
            let symbol = symbols[index % symbols.count]
            let seq = Int64(index + 1)
            let price = "\(100 + index % 50).\(10 + index % 90)00"
            if index % 3 == 0 {
                let line = "Q,\(symbol),\(price),100,09:30:00.000001,11,\(index),\(price),200,\(price),300,,,,,ba,,"
                return CaptureEvent(seq: seq, recvNs: Int64(index) * 1_000, port: .level1, symbol: symbol, line: line)
            }
            let side = index % 2 == 0 ? "B" : "A"
            let line = "8,\(symbol),\(side),\(price),\(index % 500 + 1),\(index),4,09:30:00.000001,2012-06-21,"
            return CaptureEvent(seq: seq, recvNs: Int64(index) * 1_000, port: .level2, symbol: symbol, line: line)
        }
        return MemoryPlayback(lines: lines)
    }
}
