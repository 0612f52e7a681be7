import Foundation

/// A type that can be read from a column value in PostgreSQL's text format.
public protocol PostgresDecodable {
    init(postgresText text: String) throws(PostgresError)
}

func decodingError(_ type: String, _ text: String) -> PostgresError {
    // The value itself is not shown: it may be data an error log should not carry.
    PostgresError(kind: .decoding, message: "cannot decode a \(text.utf8.count)-byte value as \(type)")
}

extension String: PostgresDecodable {
    public init(postgresText text: String) { self = text }
}

extension Int64: PostgresDecodable {
    public init(postgresText text: String) throws(PostgresError) {
        guard let value = Int64(text) else { throw decodingError("Int64", text) }
        self = value
    }
}

extension Int: PostgresDecodable {
    public init(postgresText text: String) throws(PostgresError) {
        guard let value = Int(text) else { throw decodingError("Int", text) }
        self = value
    }
}

extension Double: PostgresDecodable {
    public init(postgresText text: String) throws(PostgresError) {
        switch text {
        case "NaN": self = .nan
        case "Infinity": self = .infinity
        case "-Infinity": self = -.infinity
        default:
            guard let value = Double(text) else { throw decodingError("Double", text) }
            self = value
        }
    }
}

extension Bool: PostgresDecodable {
    public init(postgresText text: String) throws(PostgresError) {
        switch text {
        case "t", "true": self = true
        case "f", "false": self = false
        default: throw decodingError("Bool", text)
        }
    }
}

extension Decimal: PostgresDecodable {
    public init(postgresText text: String) throws(PostgresError) {
        guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
            throw decodingError("Decimal", text)
        }
        self = value
    }
}

extension Date: PostgresDecodable {
    /// Reads `date` (`2026-01-31`, midnight UTC) and `timestamptz`/`timestamp` in the ISO DateStyle
    /// (`2026-01-31 12:00:00.123456+05:30`; a timestamp without offset is read as UTC).
    public init(postgresText text: String) throws(PostgresError) {
        guard let value = parseISOTimestamp(text) else { throw decodingError("Date", text) }
        self = value
    }
}

private func parseISOTimestamp(_ text: String) -> Date? {
    let bytes = Array(text.utf8)
    var index = 0
    func number(_ width: Int) -> Int64? {
        guard index + width <= bytes.count else { return nil }
        var value: Int64 = 0
        for offset in 0..<width {
            let byte = bytes[index + offset]
            guard byte >= 48, byte <= 57 else { return nil }
            value = value * 10 + Int64(byte - 48)
        }
        index += width
        return value
    }
    func expect(_ character: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == character else { return false }
        index += 1
        return true
    }
    guard let year = number(4), expect(45), let month = number(2), expect(45), let day = number(2) else { return nil }
    var seconds = Int64(Civil.days(year: Int(year), month: Int(month), day: Int(day))) * 86_400
    var micros: Int64 = 0
    if index < bytes.count, bytes[index] == 32 || bytes[index] == 84 {
        index += 1
        guard let hour = number(2), expect(58), let minute = number(2), expect(58), let second = number(2) else {
            return nil
        }
        seconds += hour * 3600 + minute * 60 + second
        if expect(46) {
            var digits = 0
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                if digits < 6 { micros = micros * 10 + Int64(bytes[index] - 48) }
                digits += 1
                index += 1
            }
            for _ in digits..<max(digits, 6) { micros *= 10 }
        }
        if index < bytes.count {
            let sign: Int64
            switch bytes[index] {
            case 43: sign = 1
            case 45: sign = -1
            case 90:
                sign = 0
                index += 1
            default: return nil
            }
            if sign != 0 {
                index += 1
                guard let offsetHours = number(2) else { return nil }
                var offset = offsetHours * 3600
                if expect(58) {
                    guard let offsetMinutes = number(2) else { return nil }
                    offset += offsetMinutes * 60
                    if expect(58), let offsetSeconds = number(2) { offset += offsetSeconds }
                }
                seconds -= sign * offset
            }
        }
    }
    guard index == bytes.count else { return nil }
    return Date(timeIntervalSince1970: Double(seconds) + Double(micros) / 1_000_000)
}
