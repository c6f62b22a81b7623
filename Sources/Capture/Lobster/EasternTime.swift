/// US/Eastern local time, where LOBSTER's (and IQFeed's) market times are: UTC−5, or UTC−4 from the second Sunday of
/// March to the first Sunday of November (the rule since 2007). The switch really happens at 02:00 local; here it
/// applies from midnight of the switch day, which only matters for times before 02:00 on those two Sundays, when no
/// US market trades.
enum EasternTime {
    /// Unix nanoseconds of 00:00 US/Eastern on `date` (`YYYY-MM-DD`); nil if it is not such a date.
    static func midnightUnixNanoseconds(of date: String) -> Int64? {
        let parts = date.split(separator: "-", omittingEmptySubsequences: false)
        guard date.count == 10, parts.count == 3, let year = Int64(parts[0]), let month = Int64(parts[1]),
            let day = Int64(parts[2]), (1...12).contains(month), (1...daysIn(month, of: year)).contains(day)
        else { return nil }
        let days = daysFromCivil(year, month, day)
        let dstStart = daysFromCivil(year, 3, 1) + nthSunday(2, year: year, month: 3)
        let dstEnd = daysFromCivil(year, 11, 1) + nthSunday(1, year: year, month: 11)
        let offsetHours: Int64 = days >= dstStart && days < dstEnd ? 4 : 5
        return (days * 86_400 + offsetHours * 3_600) * 1_000_000_000
    }

    /// Days after the 1st of the month of its `n`th Sunday.
    private static func nthSunday(_ n: Int64, year: Int64, month: Int64) -> Int64 {
        let weekday = (daysFromCivil(year, month, 1) + 4) % 7  // 1970-01-01 was a Thursday (4); Sunday is 0.
        let firstSunday = (7 - weekday) % 7
        return firstSunday + 7 * (n - 1)
    }

    private static func daysIn(_ month: Int64, of year: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
    private static func daysFromCivil(_ year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
