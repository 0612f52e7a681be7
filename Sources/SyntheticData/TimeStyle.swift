/// How a timestamp is written: fraction digits and the UTC offset shown. Different clients write times
/// differently; the instant is the same whichever style is used.
struct TimeStyle: Sendable, Equatable {
    enum Fraction: Sendable, Equatable {
        case none, millis, micros
    }

    var fraction: Fraction = .none
    var offsetMinutes: Int = 0
    /// Write `+00:00` instead of `Z` (the resent duplicate rows use this: same instant, other text).
    var explicitZeroOffset = false

    static let utc = TimeStyle()
}
