/// Rows of text in aligned columns, two spaces apart, for the text report.
struct TextTable {
    /// How a column's cells line up.
    enum Alignment {
        case left, right
    }

    private let alignments: [Alignment]
    private var rows: [[String]] = []

    /// A table with one column per alignment.
    init(_ alignments: [Alignment]) {
        self.alignments = alignments
    }

    /// Adds a row of one cell per column.
    mutating func append(_ row: [String]) {
        precondition(row.count == alignments.count, "a row of \(row.count) cells in a table of \(alignments.count)")
        rows.append(row)
    }

    /// The rows as lines, each starting with `indent`, without trailing spaces.
    func lines(indent: String = "  ") -> [String] {
        let widths = alignments.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            var line = indent
            for (column, cell) in row.enumerated() {
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                line += (column == 0 ? "" : "  ") + (alignments[column] == .right ? padding + cell : cell + padding)
            }
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }
    }
}
