import MarketData

/// The trace stamps a processor puts on an event (Unix nanoseconds). "Stored" is the batch's, see ``EventSink``.
public struct EventStamps: Sendable, Hashable {
    /// When the source received or emitted the line (the `recv_ns` header).
    public var receivedNs: Int64
    /// When the processor took the message from Kafka.
    public var consumedNs: Int64
    /// When the processor had parsed it and updated the book and features.
    public var processedNs: Int64

    public init(receivedNs: Int64, consumedNs: Int64, processedNs: Int64) {
        self.receivedNs = receivedNs
        self.consumedNs = consumedNs
        self.processedNs = processedNs
    }
}

/// Where a message was read in Kafka.
public struct KafkaPosition: Sendable, Hashable {
    public var partition: Int32
    public var offset: Int64

    public init(partition: Int32, offset: Int64) {
        self.partition = partition
        self.offset = offset
    }
}

/// One processed event on its way into a sink. The byte buffers are lent for the duration of
/// ``EventSink/append(_:)-(SinkEvent)`` only.
public struct SinkEvent {
    /// The symbol (the Kafka key); empty for lines about no symbol.
    public var symbol: String
    public var seq: Int64
    public var port: FeedPort
    /// The raw line, without CR LF.
    public var line: UnsafeRawBufferPointer
    /// The line's message type code (`Q`, `8`, `3`...).
    public var typeCode: UnsafeRawBufferPointer
    public var stamps: EventStamps
    public var position: KafkaPosition
    /// The symbol's features after the event.
    public var features: Features

    public init(
        symbol: String,
        seq: Int64,
        port: FeedPort,
        line: UnsafeRawBufferPointer,
        typeCode: UnsafeRawBufferPointer,
        stamps: EventStamps,
        position: KafkaPosition,
        features: Features
    ) {
        self.symbol = symbol
        self.seq = seq
        self.port = port
        self.line = line
        self.typeCode = typeCode
        self.stamps = stamps
        self.position = position
        self.features = features
    }
}

/// A line the codec could not read, stored apart from the events with the reason.
public struct SinkBadLine {
    public var symbol: String
    public var seq: Int64
    public var port: FeedPort
    public var line: UnsafeRawBufferPointer
    public var reason: String
    public var stamps: EventStamps
    public var position: KafkaPosition

    public init(
        symbol: String,
        seq: Int64,
        port: FeedPort,
        line: UnsafeRawBufferPointer,
        reason: String,
        stamps: EventStamps,
        position: KafkaPosition
    ) {
        self.symbol = symbol
        self.seq = seq
        self.port = port
        self.line = line
        self.reason = reason
        self.stamps = stamps
        self.position = position
    }
}

/// What a sink did with one batch.
public struct SinkBatchResult: Sendable, Hashable {
    /// Rows in the batch (events and bad lines).
    public var rows: Int
    /// Rows the sink already held, which its idempotence absorbed; `nil` when the sink cannot tell at write time
    /// (ClickHouse merges duplicates later).
    public var duplicates: Int?

    public init(rows: Int, duplicates: Int?) {
        self.rows = rows
        self.duplicates = duplicates
    }
}
