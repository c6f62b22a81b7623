import SQLite

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// File-system steps around a capture's SQLite database: creating it without overwriting anything, removing a
/// half-made one, and measuring it.
enum CaptureFile {
    /// The files SQLite keeps next to a database in WAL mode.
    static func companions(of path: String) -> [String] {
        [path + "-wal", path + "-shm", path + "-journal"]
    }

    /// Creates an empty file at `path`, failing if anything exists there (`open` with `O_CREAT | O_EXCL`, which
    /// is atomic: two recorders given the same path cannot both succeed). SQLite treats an empty file as a new
    /// database.
    ///
    /// Also refuses when a leftover `-wal` or `-journal` file of an earlier database of that name exists: SQLite
    /// would replay its pages into the new file.
    ///
    /// - Throws: `CaptureError` of kind `.alreadyExists`, or `.storage` naming the system error.
    static func createExclusively(at path: String) throws {
        for companion in [path + "-wal", path + "-journal"] {
            if access(companion, F_OK) == 0 {
                throw CaptureError(
                    .alreadyExists,
                    path: path,
                    message: "cannot create capture \(path): a leftover \(companion) from an earlier database exists; "
                        + "remove it (it is not part of any capture that can still be opened) or choose another path."
                )
            }
        }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            let code = errno
            if code == EEXIST {
                throw CaptureError(
                    .alreadyExists,
                    path: path,
                    message: "capture \(path) already exists; captures are never overwritten: choose another path "
                        + "or remove the old file first."
                )
            }
            throw CaptureError(
                .storage,
                path: path,
                message: "cannot create capture \(path): \(String(cString: strerror(code))); check that the "
                    + "directory exists and that you may write there."
            )
        }
        close(descriptor)
    }

    /// The size in bytes of the file at `path`, following symbolic links (`stat`); `nil` if it cannot be read.
    static func size(at path: String) -> Int? {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : nil
    }

    /// Removes the database at `path` and its companion files, ignoring any that do not exist.
    static func remove(at path: String) {
        for file in [path] + companions(of: path) {
            unlink(file)
        }
    }
}
