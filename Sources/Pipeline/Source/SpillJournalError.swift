/// A ``SpillJournal`` failure: the file, what was being done, SQLite's error, and how many lines it cost.
public struct SpillJournalError: Error, Sendable, CustomStringConvertible {
    /// The journal file.
    public let path: String
    /// What failed, e.g. `journaling line 42: disk is full`.
    public let message: String
    /// Lines meant for the journal that are not in it because of this failure: the line being appended and the
    /// uncommitted ones rolled back with it. 0 for failures that lose nothing (a read, a removal).
    public let linesLost: Int

    init(path: String, doing action: String, _ error: any Error, linesLost: Int = 0) {
        self.path = path
        self.message = "\(action): \(error)"
        self.linesLost = linesLost
    }

    public var description: String {
        let lost = linesLost > 0 ? "; \(linesLost) lines are not in the journal" : ""
        return "spill journal \(path): \(message)\(lost); check that its directory is writable and the disk has room"
    }
}
