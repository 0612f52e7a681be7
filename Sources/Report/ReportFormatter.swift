import Foundation

/// Turns numbers into the text a product manager reads: money with the currency's symbol, thousands separators
/// and its usual decimals, percentages with one decimal, large counts as "12.3k". Locale-independent on purpose
/// (the report must be byte-for-byte reproducible on any machine). Output is plain text, not yet Markdown-escaped.
public struct ReportFormatter: Sendable {
    public let currency: String
    /// Decimal places of the currency (ISO 4217 exponent, as SPEC 2.2 lists them).
    public let currencyDigits: Int
    public let symbol: String

    public init(currency: String) {
        self.currency = currency
        self.currencyDigits = Self.exponent(of: currency)
        self.symbol = Self.symbols[currency] ?? (currency + " ")
    }

    static let symbols: [String: String] = [
        "USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CNY": "CN¥", "INR": "₹", "KRW": "₩", "CAD": "CA$",
        "AUD": "A$", "NZD": "NZ$", "HKD": "HK$", "SGD": "S$", "MXN": "MX$", "BRL": "R$", "CHF": "CHF ",
        "ILS": "₪", "VND": "₫", "PHP": "₱", "TRY": "₺", "UAH": "₴", "NGN": "₦", "THB": "฿",
    ]

    static func exponent(of currency: String) -> Int {
        let zero: Set = [
            "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV", "XAF",
            "XOF", "XPF",
        ]
        let three: Set = ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"]
        if zero.contains(currency) { return 0 }
        if three.contains(currency) { return 3 }
        if currency == "CLF" || currency == "UYW" { return 4 }
        return 2
    }

    // MARK: Money

    /// "$1,234.56", "-$0.0123", "¥1,235", "—" for nil. Amounts below one unit keep up to four decimals so a
    /// per-call or per-user cost of $0.0042 does not show as $0.00.
    public func money(_ value: Decimal?) -> String {
        guard let value, !value.isNaN else { return "—" }
        var digits = currencyDigits
        let magnitude = abs(value)
        if magnitude != 0, magnitude < 1 { digits = max(digits, 4) }
        var text = Self.fixed(magnitude, scale: digits, grouping: true)
        if digits > currencyDigits { text = Self.trimZeros(text, keeping: currencyDigits) }
        let negative = value < 0 && Self.fixed(magnitude, scale: digits, grouping: false) != Self.zero(digits)
        return (negative ? "-" : "") + symbol + text
    }

    /// Money for running text and chart axes: "$45.2k" from 10,000 up, else like `money`.
    public func moneyCompact(_ value: Decimal?) -> String {
        guard let value, !value.isNaN else { return "—" }
        let magnitude = abs(value)
        guard magnitude >= 10_000 else { return money(value) }
        return (value < 0 ? "-" : "") + symbol + Self.compact(magnitude)
    }

    // MARK: Counts and ratios

    /// "987", "9,876", "12.3k", "4.5M".
    public func count(_ value: Int?) -> String {
        guard let value else { return "—" }
        let magnitude = Decimal(value.magnitude)
        let text = magnitude < 10_000 ? Self.fixed(magnitude, scale: 0, grouping: true) : Self.compact(magnitude)
        return (value < 0 ? "-" : "") + text
    }

    /// A ratio as a percentage with one decimal: 0.555 → "55.5%"; nil → "—".
    public func percent(_ ratio: Decimal?) -> String {
        guard let ratio, !ratio.isNaN else { return "—" }
        return Self.signedFixed(ratio * 100, scale: 1) + "%"
    }

    /// A ratio as a multiple: 0.45 → "0.45×".
    public func multiple(_ ratio: Decimal?) -> String {
        guard let ratio, !ratio.isNaN else { return "—" }
        return Self.signedFixed(ratio, scale: 2) + "×"
    }

    /// A plain number for a chart: no grouping, two decimals at most, "0" for nil.
    public func chartNumber(_ value: Decimal?) -> String {
        guard let value, !value.isNaN else { return "0" }
        return Self.trimZeros(Self.signedFixed(value, scale: 2, grouping: false), keeping: 0)
    }

    // MARK: Changes

    /// The change of a value from the month before, e.g. "▲ $4,960.00 (+12.3%)", "▼ 6.2 pts", "no change".
    func change(_ current: Decimal?, _ previous: Decimal?, kind: HeadlineMetric.Kind) -> String {
        guard let current, let previous, !current.isNaN, !previous.isNaN else { return "—" }
        let delta = current - previous
        let shown: String
        switch kind {
        case .money: shown = money(abs(delta))
        case .count: shown = count(Int(truncating: abs(delta) as NSDecimalNumber))
        case .ratio: shown = Self.fixed(abs(delta) * 100, scale: 1, grouping: true) + " pts"
        }
        let roundedZero: Bool
        switch kind {
        case .money: roundedZero = money(abs(delta)) == money(0)
        case .count: roundedZero = delta == 0
        case .ratio: roundedZero = Self.fixed(abs(delta) * 100, scale: 1, grouping: false) == "0.0"
        }
        if roundedZero { return "no change" }
        var text = (delta > 0 ? "▲ " : "▼ ") + shown
        if kind != .ratio, previous != 0 {
            text += " (" + relative(current / previous - 1) + ")"
        }
        return text
    }

    /// A relative change as a signed percentage: 0.123 → "+12.3%".
    public func relative(_ ratio: Decimal) -> String {
        let text = Self.signedFixed(ratio * 100, scale: 1)
        return (text.hasPrefix("-") || text == "0.0" ? "" : "+") + text + "%"
    }

    // MARK: Time

    /// "2026-11-30 23:59" in the given zone (the zone is named once elsewhere in the report).
    public func timestamp(_ date: Date?, timeZone: TimeZone) -> String {
        guard let date else { return "—" }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(
            format: "%04d-%02d-%02d %02d:%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0,
            parts.minute ?? 0)
    }

    /// RFC 3339 in UTC with microseconds when there are any: the JSON twin's instants.
    public static func iso8601(_ date: Date) -> String {
        let micros = (date.timeIntervalSince1970 * 1_000_000).rounded()
        let seconds = (micros / 1_000_000).rounded(.down)
        let fraction = Int(micros - seconds * 1_000_000)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents(
            [.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: seconds))
        var text = String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0,
            parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
        if fraction > 0 { text += String(format: ".%06d", fraction) }
        return text + "Z"
    }

    /// "3 hours", "2 days": how far one instant is behind another.
    public func age(of date: Date?, before reference: Date?) -> String {
        guard let date, let reference else { return "—" }
        let seconds = reference.timeIntervalSince(date)
        if seconds < 0 { return "after as_of" }
        let hours = Int(seconds / 3600)
        if hours < 1 { return "under an hour" }
        if hours < 48 { return hours == 1 ? "1 hour" : "\(hours) hours" }
        return "\(hours / 24) days"
    }

    // MARK: Decimal text

    /// Rounds half away from zero to `scale` places and prints exactly that many decimals.
    static func fixed(_ value: Decimal, scale: Int, grouping: Bool) -> String {
        var source = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &source, scale, .plain)
        var text = rounded.description
        let negative = text.hasPrefix("-")
        if negative { text.removeFirst() }
        let pieces = text.split(separator: ".", omittingEmptySubsequences: false)
        var integer = String(pieces[0])
        var fraction = pieces.count > 1 ? String(pieces[1]) : ""
        if fraction.count < scale { fraction += String(repeating: "0", count: scale - fraction.count) }
        if grouping { integer = group(integer) }
        let body = scale > 0 ? integer + "." + fraction : integer
        return negative && body != zero(scale) ? "-" + body : body
    }

    static func signedFixed(_ value: Decimal, scale: Int, grouping: Bool = true) -> String {
        fixed(value, scale: scale, grouping: grouping)
    }

    static func zero(_ scale: Int) -> String { scale > 0 ? "0." + String(repeating: "0", count: scale) : "0" }

    static func group(_ digits: String) -> String {
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return out
    }

    /// Drops trailing zeros after the decimal point, keeping at least `keeping` decimals.
    static func trimZeros(_ text: String, keeping: Int) -> String {
        guard let dot = text.firstIndex(of: ".") else { return text }
        var result = text
        while result.last == "0", result.distance(from: dot, to: result.endIndex) - 1 > keeping {
            result.removeLast()
        }
        if result.last == "." { result.removeLast() }
        return result
    }

    /// 12345 → "12.3k"; 999_960 → "1M" (rounding may carry into the next unit).
    static func compact(_ magnitude: Decimal) -> String {
        let units: [(Decimal, String)] = [
            (1_000_000_000_000, "T"), (1_000_000_000, "B"), (1_000_000, "M"), (1_000, "k"),
        ]
        var index = units.firstIndex { magnitude >= $0.0 } ?? units.count - 1
        var text = trimZeros(fixed(magnitude / units[index].0, scale: 1, grouping: false), keeping: 0)
        if index > 0, let value = Decimal(string: text), value >= 1000 {
            index -= 1
            text = trimZeros(fixed(magnitude / units[index].0, scale: 1, grouping: false), keeping: 0)
        }
        return text + units[index].1
    }
}
