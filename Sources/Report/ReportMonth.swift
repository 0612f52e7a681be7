import Foundation

/// A calendar month in the reporting time zone (SQL: a `date` holding the month's first day).
/// Codable as `"YYYY-MM-01"`; decodes `"YYYY-MM"` or any `"YYYY-MM-DD"` (the day is ignored).
public struct ReportMonth: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let year: Int
    /// 1...12
    public let month: Int

    public init(year: Int, month: Int) {
        // Normalise so arithmetic like month 0 or 13 lands on a real month.
        let index = year * 12 + (month - 1)
        self.year = index >= 0 ? index / 12 : (index - 11) / 12
        self.month = index - self.year * 12 + 1
    }

    /// Parses `YYYY-MM` or `YYYY-MM-DD` (for example a PostgreSQL `date` printed as text).
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3, parts[0].count == 4, parts[1].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), (1...12).contains(month)
        else { return nil }
        if parts.count == 3 {
            guard parts[2].count == 2, let day = Int(parts[2]), (1...31).contains(day) else { return nil }
        }
        self.init(year: year, month: month)
    }

    /// `YYYY-MM`, the report's file name.
    public var description: String { String(format: "%04d-%02d", year, month) }

    /// `YYYY-MM-01`, the spec's `month` value.
    public var firstDay: String { description + "-01" }

    public func adding(months: Int) -> ReportMonth { ReportMonth(year: year, month: month + months) }

    public var previous: ReportMonth { adding(months: -1) }

    /// Whole months from `other` to `self` (positive when `self` is later).
    public func months(since other: ReportMonth) -> Int { (year * 12 + month) - (other.year * 12 + other.month) }

    /// "November 2026": fixed English names so the report does not depend on the machine's locale.
    public var longName: String { "\(Self.monthNames[month - 1]) \(year)" }

    public var shortMonthName: String { String(Self.monthNames[month - 1].prefix(3)) }

    static let monthNames = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]

    public static func < (lhs: ReportMonth, rhs: ReportMonth) -> Bool {
        (lhs.year, lhs.month) < (rhs.year, rhs.month)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let month = ReportMonth(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a month: \(text)")
        }
        self = month
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(firstDay)
    }

    /// The spec's default report month: the latest month whose `monthly_kpis.complete` is true.
    public static func latestComplete(_ months: [(month: ReportMonth, complete: Bool)]) -> ReportMonth? {
        months.filter(\.complete).map(\.month).max()
    }
}
