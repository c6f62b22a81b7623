import MarketData
import SQLite
import SystemSupport

extension CaptureWriter {
    /// Commits the open batch now, if there is one.
    ///
    /// - Throws: `CaptureError` of kind `.finished` after `finish()`, `.storage` if SQLite fails (the writer stops).
    public func commit() throws {
        let connection = try openConnection()
        do {
            try connection.commitBatch()
        } catch let error as SQLiteError {
            throw stop(after: error, doing: "committing events up to seq \(lastSeq)")
        }
    }

    /// Commits the open batch if it began at least `commitInterval` ago. `append` does this itself; call it when
    /// no line has arrived for a while, so a quiet feed's last lines are committed too.
    ///
    /// - Throws: `CaptureError` of kind `.finished` after `finish()`, `.storage` if SQLite fails (the writer stops).
    public func commitIfDue() throws {
        try commitIfDue(try openConnection())
    }

    func commitIfDue(_ connection: CaptureWriterConnection) throws {
        if let start = connection.batchStartNs, MonotonicClock.nanoseconds() - start >= commitIntervalNs {
            try commit()
        }
    }

    /// Records that `port` was disconnected from `startNs` to `endNs` (in `recv_ns` time), and commits at once
    /// together with the open batch.
    ///
    /// - Throws: `CaptureError` of kind `.invalidInput` if `endNs` is before `startNs`, `.finished` after
    ///   `finish()`, `.storage` if SQLite fails (the writer stops).
    public func recordGap(startNs: Int64, endNs: Int64, port: FeedPort, reason: String) throws {
        let connection = try openConnection()
        guard endNs >= startNs else {
            throw CaptureError.invalidInput(path: path, "a gap cannot end (\(endNs)) before it starts (\(startNs))")
        }
        do {
            try connection.insertGap(CaptureGap(startNs: startNs, endNs: endNs, port: port, reason: reason))
            try connection.commitBatch()
        } catch let error as SQLiteError {
            throw stop(after: error, doing: "recording a gap")
        }
    }

    /// Sets one `meta` row and commits at once together with the open batch: for values learned while
    /// recording, such as the Level 1 field list IQFeed acknowledges after the handshake
    /// (`CaptureMetadata.Key.level1Fields`, comma-separated). `metadata` changes to match.
    ///
    /// - Parameters:
    ///   - key: One of `CaptureMetadata.Key` other than `format_version`, or any other non-empty key.
    ///   - value: The text to store; for a standard key it must parse as that key's type.
    /// - Throws: `CaptureError` of kind `.invalidInput` for `format_version`, an empty key, or a value that does not
    ///   parse or would not read back the same; `.finished` after `finish()`; `.storage` if SQLite fails (the writer
    ///   stops).
    public func updateMetadata(key: String, value: String) throws {
        let connection = try openConnection()
        var updated = metadata
        try updated.set(value, forKey: key, path: path)
        try updated.validate(path: path)
        do {
            try connection.setMeta(key: key, value: value)
            try connection.commitBatch()
        } catch let error as SQLiteError {
            throw stop(after: error, doing: "setting meta \(key)")
        }
        metadata = updated
    }

    /// Commits the open batch, copies the WAL into the database file and closes it. The finished capture is switched
    /// from WAL to a rollback journal (`PRAGMA journal_mode=DELETE`): one self-contained file, which read-only
    /// readers open without leaving `-wal` and `-shm` files next to it. A reader that keeps the file busy for more
    /// than 2 s leaves it in WAL mode: then this returns false, and the `-wal` file belongs with the capture until
    /// SQLite next opens it for writing. Later calls to `finish()` do nothing (and return true); other calls throw
    /// `.finished`.
    ///
    /// - Returns: Whether the capture is one self-contained file.
    /// - Throws: `CaptureError` of kind `.storage` if SQLite fails, or the error that stopped the writer earlier.
    @discardableResult
    public func finish() throws -> Bool {
        if let failure {
            throw failure
        }
        guard let connection else {
            return true
        }
        let selfContained: Bool
        do {
            try connection.commitBatch()
            selfContained = try connection.finishFile()
        } catch let error as SQLiteError {
            throw stop(after: error, doing: "finishing")
        }
        self.connection = nil
        return selfContained
    }
}
