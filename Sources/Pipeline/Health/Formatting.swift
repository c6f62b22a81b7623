/// Number formatting for health messages, independent of locale so messages are the same everywhere.
enum Formatting {
    /// `12,000`: a whole number with thousands separated by commas.
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 {
                result.append(",")
            }
            result.append(digit)
        }
        return value < 0 ? "-" + result : result
    }

    /// `8,000/s`: a rate rounded to a whole number of events per second.
    static func rate(_ perSecond: Double) -> String {
        grouped(Int(perSecond.rounded())) + "/s"
    }

    /// `180 ms`, `2.5 ms`, `0.25 ms`: whole from 100 ms, one decimal from 1 ms, up to three below.
    static func milliseconds(_ value: Double) -> String {
        decimals(value, places: value >= 100 ? 0 : value >= 1 ? 1 : 3) + " ms"
    }

    /// `25%`, `2.5%`, `0.25%`: whole from 10 %, one decimal from 1 %, up to two below.
    static func percent(_ value: Double) -> String {
        decimals(value, places: value >= 10 ? 0 : value >= 1 ? 1 : 2) + "%"
    }

    /// `12 s`, `12.5 s`: a time with up to three decimals.
    static func seconds(_ duration: Duration) -> String {
        decimals(duration.seconds, places: 3) + " s"
    }

    /// `value` rounded to `places` decimals, without trailing zeros (`2.50` → `2.5`, `3.0` → `3`).
    static func decimals(_ value: Double, places: Int) -> String {
        var scale = 1.0
        for _ in 0..<places {
            scale *= 10
        }
        let scaled = (value.magnitude * scale).rounded()
        guard scaled < 1e18 else { return String(value) }
        let units = Int64(scaled)
        let factor = Int64(scale)
        let sign = value < 0 && units > 0 ? "-" : ""
        let whole = grouped(Int(units / factor))
        var fraction = places > 0 ? String(units % factor) : ""
        fraction = String(repeating: "0", count: Swift.max(0, places - fraction.count)) + fraction
        while fraction.hasSuffix("0") {
            fraction.removeLast()
        }
        return fraction.isEmpty ? sign + whole : sign + whole + "." + fraction
    }
}
