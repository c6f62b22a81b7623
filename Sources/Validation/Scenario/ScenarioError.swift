/// A scenario file that cannot be run as written: where (file, line, column) and what to do.
public struct ScenarioError: Error, Sendable, CustomStringConvertible {
    public let file: String
    /// 1-based line of the offending node, when known.
    public let line: Int?
    /// 1-based column of the offending node, when known.
    public let column: Int?
    public let message: String

    public init(file: String, line: Int?, column: Int?, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `file:line:column: message`, as compilers print it, so editors can jump to it.
    public var description: String {
        var place = file
        if let line { place += ":\(line)" }
        if let column { place += ":\(column)" }
        return "\(place): \(message)"
    }

    /// "one of a, b, c", with the closest choice first when `given` looks like a typo of it.
    static func choices(_ valid: [String], for given: String) -> String {
        let closest = valid.min { editDistance($0, given) < editDistance($1, given) }
        let hint = closest.flatMap {
            editDistance($0, given) <= max(2, given.count / 3) ? " (did you mean '\($0)'?)" : nil
        }
        return "valid: \(valid.joined(separator: ", "))" + (hint ?? "")
    }

    private static func editDistance(_ left: String, _ right: String) -> Int {
        let left = Array(left.lowercased())
        let right = Array(right.lowercased())
        guard !left.isEmpty else { return right.count }
        guard !right.isEmpty else { return left.count }
        var previous = Array(0...right.count)
        for (i, l) in left.enumerated() {
            var current = [i + 1]
            for (j, r) in right.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (l == r ? 0 : 1)))
            }
            previous = current
        }
        return previous[right.count]
    }
}
