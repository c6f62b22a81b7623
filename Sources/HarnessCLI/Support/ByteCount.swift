import Foundation

/// Sizes for people: `812 B`, `4.2 MB`, `1.3 GB` (powers of 1000).
enum ByteCount {
    static func text(_ bytes: Int64) -> String {
        let units = ["B", "kB", "MB", "GB", "TB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1000 && unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        return unit == 0 ? "\(bytes) B" : String(format: "%.1f ", value) + units[unit]
    }

    /// The size of a SQLite file together with its `-wal` file (what is on disk while it is being written).
    static func sqliteFile(_ path: String) -> String {
        let sizes = [path, path + "-wal"].map {
            ((try? FileManager.default.attributesOfItem(atPath: $0))?[.size] as? NSNumber)?.int64Value ?? 0
        }
        return text(sizes.reduce(0, +))
    }
}
