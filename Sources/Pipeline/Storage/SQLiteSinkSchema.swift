/// The SQLite sink's tables. Every table is keyed so that storing a row twice keeps one: `INSERT OR IGNORE` on
/// `(symbol, seq)` for events, `seq` for bad lines, `INSERT OR REPLACE` for snapshots.
///
/// `events` is a rowid table with a unique index on `(symbol, seq)` rather than a table keyed by it: rows are
/// appended in arrival order and only the small index entries are placed by key, which costs about half of
/// keeping 24-column rows sorted by a text key.
enum SQLiteSinkSchema {
    static let version = 1

    static let create = """
        CREATE TABLE IF NOT EXISTS sink_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS events(
            symbol TEXT NOT NULL, seq INTEGER NOT NULL, port INTEGER NOT NULL, type TEXT NOT NULL,
            line TEXT NOT NULL,
            received_ns INTEGER NOT NULL, consumed_ns INTEGER NOT NULL, processed_ns INTEGER NOT NULL,
            batch_id INTEGER NOT NULL, kafka_partition INTEGER NOT NULL, kafka_offset INTEGER NOT NULL,
            bid REAL, bid_size INTEGER, ask REAL, ask_size INTEGER, mid REAL, spread REAL, microprice REAL,
            imbalance REAL, last_price REAL, last_size INTEGER, vwap REAL, trade_count INTEGER NOT NULL,
            volatility REAL,
            UNIQUE (symbol, seq)
        );
        CREATE TABLE IF NOT EXISTS bad_lines(
            seq INTEGER PRIMARY KEY, symbol TEXT NOT NULL, port INTEGER NOT NULL, line BLOB NOT NULL,
            reason TEXT NOT NULL, received_ns INTEGER NOT NULL, consumed_ns INTEGER NOT NULL,
            batch_id INTEGER NOT NULL, kafka_partition INTEGER NOT NULL, kafka_offset INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS book_snapshots(
            symbol TEXT NOT NULL, seq INTEGER NOT NULL, reason TEXT NOT NULL, bids TEXT NOT NULL, asks TEXT NOT NULL,
            PRIMARY KEY (symbol, seq, reason)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS sink_batches(
            batch_id INTEGER PRIMARY KEY, processor TEXT NOT NULL, stored_ns INTEGER NOT NULL,
            rows INTEGER NOT NULL, duplicates INTEGER NOT NULL
        );
        """

    static let insertEvent = """
        INSERT OR IGNORE INTO events VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,
            ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24)
        """

    static let insertBadLine = "INSERT OR IGNORE INTO bad_lines VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"

    static let insertSnapshot = "INSERT OR REPLACE INTO book_snapshots VALUES (?1, ?2, ?3, ?4, ?5)"

    static let insertBatch = "INSERT OR REPLACE INTO sink_batches VALUES (?1, ?2, ?3, ?4, ?5)"

    static let storedLines = "SELECT seq, port, line FROM events WHERE symbol = ?1 ORDER BY seq"
}
