import Postgres

/// A validated timestamp as written (wall clock plus how its zone is known), ready to render.
struct Timestamp: Equatable {
    enum Zone: Equatable {
        /// An explicit UTC offset in seconds east (epoch values: 0).
        case offset(Int)
        /// No offset: wall clock in the configured `input_timezone`.
        case naive
        /// A bare date: midnight in the reporting zone.
        case dateOnly
    }

    var year = 1970
    var month = 1
    var day = 1
    var hour = 0
    var minute = 0
    var second = 0
    var micro = 0
    var zone = Zone.offset(0)

    /// Seconds since the epoch of the wall clock read as if it were UTC.
    var wallSeconds: Int {
        Civil.days(year: year, month: month, day: day) * 86400 + hour * 3600 + minute * 60 + second
    }

    /// Adds one second to the wall clock (carry of rounding); false when the year leaves 1...9999.
    mutating func addSecond() -> Bool {
        second += 1
        if second < 60 { return true }
        second = 0
        minute += 1
        if minute < 60 { return true }
        minute = 0
        hour += 1
        if hour < 24 { return true }
        hour = 0
        day += 1
        if day <= Civil.daysInMonth(year, month) { return true }
        day = 1
        month += 1
        if month <= 12 { return true }
        month = 1
        year += 1
        return year <= 9999
    }
}
