import Postgres

/// Calendar arithmetic on UTC instants held as microseconds since the epoch. Everything the generator writes is
/// computed from integers, so no `Date`, no time zone database and no float formatting are involved.
enum CivilTime {
    static let microsPerSecond: Int64 = 1_000_000
    static let microsPerHour: Int64 = 3_600_000_000
    static let microsPerDay: Int64 = 86_400_000_000

    /// Days since 1970-01-01 of a proleptic Gregorian date.
    static func days(year: Int, month: Int, day: Int) -> Int64 {
        Int64(Civil.days(year: year, month: month, day: day))
    }

    static func civil(days: Int64) -> (year: Int, month: Int, day: Int) { Civil.date(days: Int(days)) }

    static func isLeap(_ year: Int) -> Bool { Civil.isLeap(year) }

    static func daysInMonth(year: Int, month: Int) -> Int { Civil.daysInMonth(year, month) }

    static func instant(_ month: YearMonth, day: Int = 1) -> Int64 {
        days(year: month.year, month: month.month, day: day) * microsPerDay
    }

    /// Floor division that works for instants before 1970 too.
    static func dayNumber(_ instant: Int64) -> Int64 {
        instant >= 0 ? instant / microsPerDay : (instant - microsPerDay + 1) / microsPerDay
    }

    /// Monday = 0 … Sunday = 6.
    static func weekday(days: Int64) -> Int {
        let w = (days + 3) % 7  // 1970-01-01 was a Thursday
        return Int(w >= 0 ? w : w + 7)
    }

    /// `instant + n months` on the UTC wall clock, the day clamped to the month's length (Jan 31 + 1 = Feb 28),
    /// as PostgreSQL's `timestamptz + interval` does with TimeZone UTC.
    static func addMonths(_ instant: Int64, _ n: Int) -> Int64 {
        let day = dayNumber(instant)
        let timeOfDay = instant - day * microsPerDay
        let date = civil(days: day)
        let total = date.year * 12 + (date.month - 1) + n
        let year = total >= 0 ? total / 12 : (total - 11) / 12
        let month = total - year * 12 + 1
        let clamped = min(date.day, daysInMonth(year: year, month: month))
        return days(year: year, month: month, day: clamped) * microsPerDay + timeOfDay
    }
}
