/// A calendar month (UTC), e.g. 2026-05.
public struct YearMonth: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int

    public init(year: Int, month: Int) {
        self.year = year
        self.month = month
    }

    /// The month `n` months later (negative: earlier).
    public func adding(months n: Int) -> YearMonth {
        let total = year * 12 + (month - 1) + n
        let y = total >= 0 ? total / 12 : (total - 11) / 12
        return YearMonth(year: y, month: total - y * 12 + 1)
    }

    /// The default first month: the data then ends with October 2026, a complete month before the project's
    /// present (November 2026).
    public static func defaultStart(months: Int) -> YearMonth {
        YearMonth(year: 2026, month: 10).adding(months: -(max(months, 1) - 1))
    }

    /// `YYYY-MM`.
    public var description: String {
        let y = String(year)
        return (y.count < 4 ? String(repeating: "0", count: 4 - y.count) + y : y) + (month < 10 ? "-0" : "-")
            + String(month)
    }

    public static func < (lhs: YearMonth, rhs: YearMonth) -> Bool {
        (lhs.year, lhs.month) < (rhs.year, rhs.month)
    }
}
