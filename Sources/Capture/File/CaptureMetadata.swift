import Foundation

/// What a capture says about itself: the rows of its `meta` table, typed.
///
/// Every capture has all the keys of `Key`; `extra` holds any other keys. Lists are stored as comma-separated
/// text, so their elements must be non-empty and contain no comma.
public struct CaptureMetadata: Sendable, Hashable {
    /// The names of the `meta` keys every capture has.
    public enum Key {
        /// `format_version`: the capture format, `CaptureFormat.version` when written by this harness.
        public static let formatVersion = "format_version"
        /// `created_at`: when recording started, UTC ISO-8601 (`2024-11-28T14:30:00Z`).
        public static let createdAt = "created_at"
        /// `clock_anchor_unix_ns`: the wall clock, in nanoseconds since 1970 UTC, at `recv_ns = 0`.
        public static let clockAnchorUnixNs = "clock_anchor_unix_ns"
        /// `source`: where the lines came from: `iqfeed 127.0.0.1:5009`, `simulator`, `lobster`.
        public static let source = "source"
        /// `protocol`: the IQFeed protocol version, `6.2`.
        public static let protocolVersion = "protocol"
        /// `symbols`: the symbols watched, comma-separated.
        public static let symbols = "symbols"
        /// `level1_fields`: the Level 1 field list IQFeed acknowledged, comma-separated.
        public static let level1Fields = "level1_fields"
        /// `harness_version`: the version of the harness that wrote the capture.
        public static let harnessVersion = "harness_version"

        /// All the keys above.
        public static let all: [String] = [
            formatVersion, createdAt, clockAnchorUnixNs, source, protocolVersion, symbols, level1Fields,
            harnessVersion,
        ]
    }

    /// `format_version`. A writer always writes `CaptureFormat.version`; a reader reports the file's.
    public internal(set) var formatVersion: Int
    /// `created_at`, stored to the second.
    public var createdAt: Date
    /// `clock_anchor_unix_ns`: the wall clock at `recv_ns = 0`, in nanoseconds since 1970 UTC. The wall-clock
    /// time of an event is `clockAnchorUnixNs + recvNs`.
    public var clockAnchorUnixNs: Int64
    /// `source`: `iqfeed host:port`, `simulator` or `lobster`.
    public var source: String
    /// `protocol`: the IQFeed protocol version.
    public var protocolVersion: String
    /// `symbols`: the symbols watched.
    public var symbols: [String]
    /// `level1_fields`: the acknowledged Level 1 field list; empty until IQFeed acknowledges one.
    public var level1Fields: [String]
    /// `harness_version`: the version of the harness that wrote the capture.
    public var harnessVersion: String
    /// Any other `meta` keys and their values. Keys must not be among `Key.all`.
    public var extra: [String: String]

    /// Metadata for a new capture, with `formatVersion` set to `CaptureFormat.version`.
    ///
    /// - Parameters:
    ///   - createdAt: When recording started; default now.
    ///   - clockAnchorUnixNs: The wall clock at `recv_ns = 0`, in nanoseconds since 1970 UTC.
    ///   - source: `iqfeed host:port`, `simulator` or `lobster`.
    ///   - protocolVersion: The IQFeed protocol version; default `6.2`.
    ///   - symbols: The symbols watched.
    ///   - level1Fields: The acknowledged Level 1 field list; default empty (set it later with
    ///     `CaptureWriter.updateMetadata(key:value:)` once IQFeed acknowledges it).
    ///   - harnessVersion: The version of the harness writing the capture.
    ///   - extra: Other keys to store; default none.
    public init(
        createdAt: Date = Date(),
        clockAnchorUnixNs: Int64,
        source: String,
        protocolVersion: String = "6.2",
        symbols: [String],
        level1Fields: [String] = [],
        harnessVersion: String,
        extra: [String: String] = [:]
    ) {
        self.formatVersion = CaptureFormat.version
        self.createdAt = createdAt
        self.clockAnchorUnixNs = clockAnchorUnixNs
        self.source = source
        self.protocolVersion = protocolVersion
        self.symbols = symbols
        self.level1Fields = level1Fields
        self.harnessVersion = harnessVersion
        self.extra = extra
    }
}
