import SystemSupport

/// The generator's clocks: the `recv_ns` of every line, and the US/Eastern market time the lines carry.
///
/// Events come in actions (one market event and the lines it causes, such as a trade's depth line and its `Q`
/// line). An action's lines arrive together, up to 200 ns apart. The gap before an action is random with a mean of
/// one average line gap per line of the previous action, so the capture keeps the configured average rate
/// whatever the mix of actions; the gap is the cube of a uniform draw, scaled to that mean, so most gaps are short
/// and a few long: bursts and lulls, as on a real feed.
struct SyntheticClock {
    /// `recv_ns` 0 as nanoseconds after midnight of the first day: 09:30:00.
    static let sessionStartNanoseconds: Int64 = 34_200 * 1_000_000_000
    private static let nanosecondsPerDay: Int64 = 86_400 * 1_000_000_000

    private let meanGapNanoseconds: Double
    private let firstDay: Int64
    private var random: SplitMix64
    private var actionStart: Double = 0
    private var linesInAction = 0
    private var isFirstAction = true
    private var day = Int64.min
    private var second = Int64.min
    /// The `recv_ns` of the last line.
    private(set) var recvNs: Int64 = 0
    /// The current action's market time, `HH:MM:SS.ffffff`.
    private(set) var time = ""
    /// The current action's trading day, `YYYY-MM-DD`.
    private(set) var date = ""
    private var compactDate = ""
    private var secondText = ""

    /// A clock for `eventsPerSecond` on average, starting on `firstDay` (days since 1970-01-01).
    init(eventsPerSecond: Double, firstDay: Int64, seed: UInt64) {
        meanGapNanoseconds = 1e9 / eventsPerSecond
        self.firstDay = firstDay
        random = SplitMix64(seed: seed ^ 0x5EED_C10C_0000_0000)
    }

    /// Starts the next action after a random gap (none before the first) and returns the text of a `T` heartbeat
    /// (`YYYYMMDD HH:MM:SS`) if the action is in a new second of market time.
    mutating func startAction() -> String? {
        if isFirstAction {
            isFirstAction = false
        } else {
            let draw = random.unit()
            actionStart += 4 * draw * draw * draw * meanGapNanoseconds * Double(max(linesInAction, 1))
            actionStart = max(actionStart, Double(recvNs))
        }
        linesInAction = 0
        let start = Int64(actionStart)
        let sinceMidnight = Self.sessionStartNanoseconds + start
        let dayOffset = sinceMidnight / Self.nanosecondsPerDay
        let ofDay = sinceMidnight % Self.nanosecondsPerDay
        if firstDay + dayOffset != day {
            day = firstDay + dayOffset
            (date, compactDate) = Self.dateTexts(day: day)
        }
        let actionSecond = sinceMidnight / 1_000_000_000
        let isNewSecond = actionSecond != second
        if isNewSecond {
            second = actionSecond
            secondText = Self.secondText(ofDay: ofDay / 1_000_000_000)
        }
        time = secondText + "." + Self.digits(ofDay / 1_000 % 1_000_000, count: 6)
        return isNewSecond ? compactDate + " " + secondText : nil
    }

    /// The `recv_ns` of the action's next line: the action's start for the first, then up to 200 ns later each.
    mutating func nextLine() -> Int64 {
        let start = Int64(actionStart)
        recvNs = linesInAction == 0 ? max(start, recvNs) : recvNs + Int64(random.below(200))
        linesInAction += 1
        return recvNs
    }

    /// `HH:MM:SS` for seconds after midnight.
    private static func secondText(ofDay seconds: Int64) -> String {
        digits(seconds / 3_600, count: 2) + ":" + digits(seconds / 60 % 60, count: 2) + ":"
            + digits(seconds % 60, count: 2)
    }

    /// The last `count` decimal digits of `value` (not negative), left-padded with zeros.
    private static func digits(_ value: Int64, count: Int) -> String {
        String(unsafeUninitializedCapacity: count) { buffer in
            var rest = value
            for index in (0..<count).reversed() {
                buffer[index] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            }
            return count
        }
    }

    /// `YYYY-MM-DD` (Level 2 lines) and `YYYYMMDD` (`T` lines) of a day counted from 1970-01-01.
    private static func dateTexts(day: Int64) -> (dashed: String, compact: String) {
        let (year, month, dayOfMonth) = civil(fromDays: day)
        let parts = [digits(year, count: 4), digits(month, count: 2), digits(dayOfMonth, count: 2)]
        return (parts.joined(separator: "-"), parts.joined())
    }

    /// The proleptic Gregorian date of a day counted from 1970-01-01 (Howard Hinnant's `civil_from_days`).
    private static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
