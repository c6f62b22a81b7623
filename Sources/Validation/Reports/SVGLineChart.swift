import Foundation

/// A line chart of one metric over a run, as inline SVG, with the fault windows shaded and labelled.
struct SVGLineChart {
    /// A span of the time axis to shade: a fault window.
    struct Window {
        var start: Double
        var end: Double
        /// Written at the top of the span.
        var label: String
        /// Shown when the pointer rests on the span.
        var detail: String
    }

    typealias Point = (seconds: Double, value: Double)

    var title: String
    /// The values in time order (seconds since the replay started); a `nil` value breaks the line.
    var points: [(seconds: Double, value: Double?)]
    var windows: [Window]
    /// The end of the time axis, in seconds.
    var duration: Double
    /// The top of the value axis; `nil` fits it to the values.
    var ceiling: Double?

    private static let width = 720.0
    private static let height = 220.0
    private static let left = 56.0
    private static let right = 12.0
    private static let top = 24.0
    private static let bottom = 28.0
    private static let plotWidth = width - left - right
    private static let plotHeight = height - top - bottom

    /// The chart as an `<svg>` element.
    var svg: String {
        let span = max(duration, 1)
        let yMax = ceiling ?? Self.roundedUp(points.compactMap(\.value).filter(\.isFinite).max() ?? 0)
        func x(_ seconds: Double) -> Double { Self.left + min(max(seconds / span, 0), 1) * Self.plotWidth }
        func y(_ value: Double) -> Double { Self.top + (1 - min(max(value / yMax, 0), 1)) * Self.plotHeight }
        func n(_ value: Double) -> String { String(format: "%.1f", value) }
        let title = Markup.escape(self.title)
        var parts = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(n(Self.width)) \(n(Self.height))\" "
                + "role=\"img\" aria-label=\"\(title)\">",
            "<text class=\"chart-title\" x=\"\(n(Self.left))\" y=\"16\">\(title)</text>",
        ]
        for window in windows {
            let start = x(window.start)
            parts.append(
                "<rect class=\"fault\" x=\"\(n(start))\" y=\"\(n(Self.top))\" "
                    + "width=\"\(n(max(x(window.end) - start, 1)))\" height=\"\(n(Self.plotHeight))\">"
                    + "<title>\(Markup.escape(window.detail))</title></rect>"
            )
            parts.append(
                "<text class=\"fault-label\" x=\"\(n(start + 3))\" y=\"\(n(Self.top + 12))\">"
                    + "\(Markup.escape(window.label))</text>"
            )
        }
        for step in 0...2 {
            let value = yMax * Double(step) / 2
            parts.append(
                "<line class=\"grid\" x1=\"\(n(Self.left))\" x2=\"\(n(Self.width - Self.right))\" "
                    + "y1=\"\(n(y(value)))\" y2=\"\(n(y(value)))\"/>"
            )
            parts.append(
                "<text class=\"axis\" x=\"\(n(Self.left - 6))\" y=\"\(n(y(value) + 4))\" text-anchor=\"end\">"
                    + "\(ReportFormat.number(value))</text>"
            )
        }
        for step in 0...4 {
            let seconds = span * Double(step) / 4
            parts.append(
                "<text class=\"axis\" x=\"\(n(x(seconds)))\" y=\"\(n(Self.height - 8))\" text-anchor=\"middle\">"
                    + "\(ReportFormat.number((seconds * 10).rounded() / 10))s</text>"
            )
        }
        for line in lines() {
            if line.count == 1, let point = line.first {
                parts.append(
                    "<circle class=\"series\" cx=\"\(n(x(point.seconds)))\" cy=\"\(n(y(point.value)))\" r=\"2\"/>"
                )
            } else {
                let coordinates = line.map { "\(n(x($0.seconds))),\(n(y($0.value)))" }.joined(separator: " ")
                parts.append("<polyline class=\"series\" points=\"\(coordinates)\"/>")
            }
        }
        parts.append("</svg>")
        return parts.joined(separator: "\n")
    }

    /// The points split where a value is missing or not finite; each part is drawn as one line.
    private func lines() -> [[Point]] {
        var lines: [[Point]] = []
        var current: [Point] = []
        for point in points {
            if let value = point.value, value.isFinite, point.seconds.isFinite {
                current.append((point.seconds, value))
            } else if !current.isEmpty {
                lines.append(current)
                current = []
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// 1, 2 or 5 times a power of ten, at least `value`; 1 for nothing above zero.
    private static func roundedUp(_ value: Double) -> Double {
        guard value > 0, value.isFinite else { return 1 }
        let magnitude = pow(10, floor(log10(value)))
        return [1.0, 2, 5].map { $0 * magnitude }.first { $0 >= value } ?? 10 * magnitude
    }
}
