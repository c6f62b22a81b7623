import SQLite

/// The run database's connection and statements; used under ``RunDatabase``'s lock only.
final class RunDatabaseWriter: @unchecked Sendable {
    // @unchecked Sendable: every use is inside RunDatabase.writer's Mutex.
    let database: SQLiteDatabase
    private let insertDelivery: SQLiteStatement
    private let insertSampleStatement: SQLiteStatement
    private let insertTransitionStatement: SQLiteStatement

    static let schema = """
        CREATE TABLE run_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE produced(
            seq INTEGER PRIMARY KEY, kafka_partition INTEGER NOT NULL, kafka_offset INTEGER NOT NULL,
            received_ns INTEGER NOT NULL, acked_ns INTEGER NOT NULL, error TEXT
        );
        CREATE TABLE samples(at_ns INTEGER NOT NULL, sample TEXT NOT NULL);
        CREATE TABLE transitions(
            at_ns INTEGER NOT NULL, kind TEXT NOT NULL, name TEXT NOT NULL, from_state TEXT NOT NULL,
            to_state TEXT NOT NULL, reason TEXT NOT NULL
        );
        """

    init(path: String) throws {
        database = try SQLiteDatabase(path: path, mode: .create)
        try database.execute("PRAGMA journal_mode = WAL")
        try database.execute("PRAGMA synchronous = NORMAL")
        try database.execute(Self.schema)
        insertDelivery = try database.prepare("INSERT OR REPLACE INTO produced VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
        insertSampleStatement = try database.prepare("INSERT INTO samples VALUES (?1, ?2)")
        insertTransitionStatement = try database.prepare("INSERT INTO transitions VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
    }

    func insertDeliveries(_ deliveries: [RunDatabase.Delivery]) throws {
        try database.transaction {
            for delivery in deliveries {
                try insertDelivery.bind(delivery.seq, at: 1)
                try insertDelivery.bind(Int64(delivery.partition), at: 2)
                try insertDelivery.bind(delivery.offset, at: 3)
                try insertDelivery.bind(delivery.receivedNs, at: 4)
                try insertDelivery.bind(delivery.ackedNs, at: 5)
                if let error = delivery.error {
                    try insertDelivery.bind(error, at: 6)
                } else {
                    try insertDelivery.bindNull(at: 6)
                }
                try insertDelivery.execute()
            }
        }
    }

    func insertSample(atNs: Int64, json: String) throws {
        try insertSampleStatement.execute(atNs, json)
    }

    func insertTransition(atNs: Int64, kind: String, name: String, from: String, to: String, reason: String) throws {
        try insertTransitionStatement.execute(atNs, kind, name, from, to, reason)
    }

    func setMetadata(_ values: [String: String]) throws {
        try database.transaction {
            for (key, value) in values.sorted(by: { $0.key < $1.key }) {
                try database.prepare("INSERT OR REPLACE INTO run_meta VALUES (?1, ?2)").execute(key, value)
            }
        }
    }
}
