/// Facts about the capture file format (DESIGN.md, "Capture file").
///
/// A capture is a SQLite database (in WAL mode while it is recorded, a rollback journal once finished) with three
/// tables:
///
/// - `meta(key TEXT PRIMARY KEY, value TEXT)`: the keys of `CaptureMetadata.Key`, plus any extra keys.
/// - `events(seq INTEGER PRIMARY KEY, recv_ns INTEGER NOT NULL, port INTEGER NOT NULL, symbol TEXT,
///   line TEXT NOT NULL)`: every raw line as received, without CR LF; `seq` increases by one from 1,
///   `recv_ns` (nanoseconds since `clock_anchor_unix_ns`) never decreases, `port` is a `FeedPort` number.
/// - `gaps(start_ns, end_ns, port, reason)`: disconnects while recording, in `recv_ns` time.
public enum CaptureFormat {
    /// The newest `format_version` this harness writes and reads.
    public static let version = 1

    /// The SQL that creates the tables of a new capture.
    static let schema = """
        CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
        CREATE TABLE events(
            seq INTEGER PRIMARY KEY,
            recv_ns INTEGER NOT NULL,
            port INTEGER NOT NULL,
            symbol TEXT,
            line TEXT NOT NULL
        );
        CREATE TABLE gaps(start_ns INTEGER NOT NULL, end_ns INTEGER NOT NULL, port INTEGER NOT NULL, reason TEXT NOT NULL);
        """

    /// The tables every capture has.
    static let tables: Set<String> = ["meta", "events", "gaps"]
}
