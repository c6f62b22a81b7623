import Foundation

/// Conversion between `CaptureMetadata` and the text rows of the `meta` table.
extension CaptureMetadata {
    /// The `meta` rows for this metadata, known keys first, then `extra` sorted by key.
    var rows: [(key: String, value: String)] {
        var rows: [(key: String, value: String)] = [
            (Key.formatVersion, String(formatVersion)),
            (Key.createdAt, Self.text(of: createdAt)),
            (Key.clockAnchorUnixNs, String(clockAnchorUnixNs)),
            (Key.source, source),
            (Key.protocolVersion, protocolVersion),
            (Key.symbols, symbols.joined(separator: ",")),
            (Key.level1Fields, level1Fields.joined(separator: ",")),
            (Key.harnessVersion, harnessVersion),
        ]
        rows += extra.sorted { $0.key < $1.key }.map { (key: $0.key, value: $0.value) }
        return rows
    }

    /// Reads metadata from `meta` rows. `values` must hold every key of `Key.all`; `format_version` has already
    /// been checked.
    ///
    /// - Throws: `CaptureError` of kind `.notACapture` for a missing key, `.damaged` for a value that does not parse.
    init(rows values: [String: String], path: String) throws {
        func value(_ key: String) throws -> String {
            guard let value = values[key] else {
                throw CaptureError.notACapture(path: path, detail: "its meta table has no \(key)")
            }
            return value
        }
        func unreadable(_ key: String, _ value: String, expected: String) -> CaptureError {
            .damaged(path: path, detail: "meta \(key) is '\(value)', not \(expected)")
        }
        let version = try value(Key.formatVersion)
        let createdAt = try value(Key.createdAt)
        let anchor = try value(Key.clockAnchorUnixNs)
        guard let formatVersion = Int(version) else {
            throw unreadable(Key.formatVersion, version, expected: "a number")
        }
        guard let date = Self.date(from: createdAt) else {
            throw unreadable(Key.createdAt, createdAt, expected: "a UTC ISO-8601 time")
        }
        guard let clockAnchorUnixNs = Int64(anchor) else {
            throw unreadable(Key.clockAnchorUnixNs, anchor, expected: "a number of nanoseconds")
        }
        self.init(
            createdAt: date,
            clockAnchorUnixNs: clockAnchorUnixNs,
            source: try value(Key.source),
            protocolVersion: try value(Key.protocolVersion),
            symbols: Self.list(try value(Key.symbols)),
            level1Fields: Self.list(try value(Key.level1Fields)),
            harnessVersion: try value(Key.harnessVersion),
            extra: values.filter { !Key.all.contains($0.key) }
        )
        self.formatVersion = formatVersion
    }

    /// Sets the field for `key` from its stored text, or the extra key.
    ///
    /// - Throws: `CaptureError` of kind `.invalidInput` if `key` is `format_version` or empty, or `value` does not
    ///   parse as the key's type or is a list that would not read back the same.
    mutating func set(_ value: String, forKey key: String, path: String) throws {
        switch key {
        case Key.formatVersion:
            throw CaptureError.invalidInput(path: path, "format_version is set by the writer and cannot be changed")
        case Key.createdAt:
            guard let date = Self.date(from: value) else {
                throw CaptureError.invalidInput(path: path, "created_at '\(value)' is not a UTC ISO-8601 time")
            }
            createdAt = date
        case Key.clockAnchorUnixNs:
            guard let anchor = Int64(value) else {
                throw CaptureError.invalidInput(path: path, "clock_anchor_unix_ns '\(value)' is not a number")
            }
            clockAnchorUnixNs = anchor
        case Key.source: source = value
        case Key.protocolVersion: protocolVersion = value
        case Key.symbols: symbols = Self.list(value)
        case Key.level1Fields: level1Fields = Self.list(value)
        case Key.harnessVersion: harnessVersion = value
        case "":
            throw CaptureError.invalidInput(path: path, "a meta key must not be empty")
        default: extra[key] = value
        }
    }

    /// Checks that the metadata reads back as written.
    ///
    /// - Throws: `CaptureError` of kind `.invalidInput` naming the first problem.
    func validate(path: String) throws {
        for (name, list) in [(Key.symbols, symbols), (Key.level1Fields, level1Fields)] {
            if let bad = list.first(where: { $0.isEmpty || $0.contains(",") }) {
                throw CaptureError.invalidInput(
                    path: path,
                    "\(name) element '\(bad)' is empty or contains a comma, so the comma-separated list would not "
                        + "read back the same"
                )
            }
        }
        if let key = extra.keys.first(where: { $0.isEmpty || Key.all.contains($0) }) {
            throw CaptureError.invalidInput(
                path: path,
                "extra meta key '\(key)' is empty or one of the standard keys; set the typed field instead"
            )
        }
    }

    /// `date` as stored in `created_at`: UTC ISO-8601 to the second.
    static func text(of date: Date) -> String {
        date.formatted(.iso8601)
    }

    /// A `created_at` value, with or without fractional seconds.
    static func date(from text: String) -> Date? {
        (try? Date(text, strategy: .iso8601))
            ?? (try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
    }

    /// A comma-separated list; empty text is the empty list.
    static func list(_ text: String) -> [String] {
        text.isEmpty ? [] : text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
}
