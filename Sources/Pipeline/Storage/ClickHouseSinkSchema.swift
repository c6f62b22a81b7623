/// The ClickHouse sink's tables (SQL that ClickHouse 18.16 accepts). ReplacingMergeTree ordered by
/// `(symbol, seq)`: a row stored twice is one row after merging, and reads that must not see copies use `FINAL`.
enum ClickHouseSinkSchema {
    static let nullableFloat = "Nullable(Float64)"
    static let nullableInt = "Nullable(Int64)"

    static let tables = [
        """
        CREATE TABLE IF NOT EXISTS events (
            symbol String, seq Int64, port UInt16, type String, line String,
            received_ns Int64, consumed_ns Int64, processed_ns Int64, batch_id Int64,
            kafka_partition Int32, kafka_offset Int64,
            bid \(nullableFloat), bid_size \(nullableInt), ask \(nullableFloat), ask_size \(nullableInt),
            mid \(nullableFloat), spread \(nullableFloat), microprice \(nullableFloat), imbalance \(nullableFloat),
            last_price \(nullableFloat), last_size \(nullableInt), vwap \(nullableFloat), trade_count Int64,
            volatility \(nullableFloat)
        ) ENGINE = ReplacingMergeTree() ORDER BY (symbol, seq)
        """,
        """
        CREATE TABLE IF NOT EXISTS bad_lines (
            seq Int64, symbol String, port UInt16, line String, reason String, received_ns Int64, consumed_ns Int64,
            batch_id Int64, kafka_partition Int32, kafka_offset Int64
        ) ENGINE = ReplacingMergeTree() ORDER BY (symbol, seq)
        """,
        """
        CREATE TABLE IF NOT EXISTS book_snapshots (
            symbol String, seq Int64, reason String, bids String, asks String
        ) ENGINE = ReplacingMergeTree() ORDER BY (symbol, seq, reason)
        """,
        """
        CREATE TABLE IF NOT EXISTS sink_batches (
            batch_id Int64, processor String, stored_ns Int64, rows Int64, duplicates Int64
        ) ENGINE = ReplacingMergeTree() ORDER BY batch_id
        """,
    ]

    static let insertEvents = "INSERT INTO events FORMAT TabSeparated"
    static let insertBadLines = "INSERT INTO bad_lines FORMAT TabSeparated"
    static let insertSnapshots = "INSERT INTO book_snapshots FORMAT TabSeparated"
    static let insertBatches = "INSERT INTO sink_batches FORMAT TabSeparated"
}
