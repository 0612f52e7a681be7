/// Calendar arithmetic on UTC instants held as microseconds since the epoch. Everything the generator writes is
/// computed from integers, so no `Date`, no time zone database and no float formatting are involved.
enum CivilTime {
    static let microsPerSecond: Int64 = 1_000_000
    static let microsPerHour: Int64 = 3_600_000_000
    static let microsPerDay: Int64 = 86_400_000_000

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    static func days(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(days: Int64) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return (Int(year), Int(month), Int(day))
    }

    static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

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
