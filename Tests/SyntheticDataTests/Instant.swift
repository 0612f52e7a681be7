import Foundation

/// Parses the timestamp forms the generator may write into microseconds since the epoch, with Foundation's
/// calendar (independent of the generator's own calendar code): RFC 3339 with `Z` or `±HH:MM` and 0, 3 or 6
/// fraction digits, or a bare date (midnight UTC).
enum Instant {
    private static let pattern = try! NSRegularExpression(
        pattern: #"^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{3}|\d{6}))?(Z|[+-]\d{2}:\d{2}))?$"#)

    static func micros(_ text: String) -> Int64? {
        let range = NSRange(text.startIndex..., in: text)
        guard let match = pattern.firstMatch(in: text, range: range) else { return nil }
        func group(_ i: Int) -> String? {
            guard let r = Range(match.range(at: i), in: text) else { return nil }
            return String(text[r])
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var parts = DateComponents()
        parts.year = Int(group(1)!)
        parts.month = Int(group(2)!)
        parts.day = Int(group(3)!)
        parts.hour = group(4).flatMap { Int($0) } ?? 0
        parts.minute = group(5).flatMap { Int($0) } ?? 0
        parts.second = group(6).flatMap { Int($0) } ?? 0
        guard let month = parts.month, (1...12).contains(month), let day = parts.day, day >= 1,
            let date = calendar.date(from: parts),
            calendar.component(.day, from: date) == day, (parts.hour ?? 0) < 24, (parts.minute ?? 0) < 60,
            (parts.second ?? 0) < 60
        else { return nil }
        var micros = Int64(date.timeIntervalSince1970.rounded()) * 1_000_000
        if let fraction = group(7) {
            micros += Int64(fraction)! * (fraction.count == 3 ? 1_000 : 1)
        }
        if let zone = group(8), zone != "Z" {
            let sign: Int64 = zone.hasPrefix("-") ? -1 : 1
            let hours = Int64(zone.dropFirst().prefix(2))!
            let minutes = Int64(zone.suffix(2))!
            micros -= sign * (hours * 60 + minutes) * 60 * 1_000_000
        }
        return micros
    }

    /// Microseconds since the epoch of a UTC date.
    static func date(_ year: Int, _ month: Int, _ day: Int) -> Int64 {
        micros(String(format: "%04d-%02d-%02d", year, month, day))!
    }
}
