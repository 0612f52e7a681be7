import Postgres

/// Timestamp rules of SPEC 2.2 on trimmed bytes:
/// - `YYYY-MM-DD(T|t| )HH:MM[:SS[.f…]][ ](Z|z|±HH|±HH:MM|±HHMM)`; without a zone only when an
///   `input_timezone` is configured (`naive`);
/// - a bare `YYYY-MM-DD` where `allowDate` (midnight in the reporting zone);
/// - a non-negative decimal number of seconds since the epoch (fraction and exponent allowed); ≥ 1e11 is
///   milliseconds; ≥ 1e14 is invalid.
/// More than six fractional digits are rounded half-even to microseconds (carrying into the seconds).
/// Calendar validity is checked (year 1...9999, 2026-02-30 is invalid, hour ≤ 23, second ≤ 59);
/// offsets are limited to ±15:59 as PostgreSQL's are.
enum TimestampParser {
    static func parse(
        _ v: UnsafeBufferPointer<UInt8>, field: String, allowDate: Bool, naiveAllowed: Bool
    ) throws(FieldError) -> Timestamp {
        let n = v.count
        if n >= 10 && isDigit(v[0]) && v[4] == UInt8(ascii: "-") {
            return try parseText(v, field: field, allowDate: allowDate, naiveAllowed: naiveAllowed)
        }
        if n > 0 && n <= 64, let d = DecimalScan.scan(v) {
            return try parseEpoch(d, v, field: field)
        }
        throw FieldError(reason: .badTimestamp, field: field, message: "not a timestamp")
    }

    private static func parseText(
        _ v: UnsafeBufferPointer<UInt8>, field: String, allowDate: Bool, naiveAllowed: Bool
    ) throws(FieldError) -> Timestamp {
        func bad(_ m: String) -> FieldError { FieldError(reason: .badTimestamp, field: field, message: m) }
        let n = v.count
        func num(_ at: Int, _ width: Int) -> Int? {
            if at + width > n { return nil }
            var x = 0
            for i in at..<(at + width) {
                guard isDigit(v[i]) else { return nil }
                x = x * 10 + Int(v[i] &- 48)
            }
            return x
        }
        var t = Timestamp()
        guard let y = num(0, 4), v[4] == UInt8(ascii: "-"), let mo = num(5, 2), n > 7, v[7] == UInt8(ascii: "-"),
            let d = num(8, 2)
        else { throw bad("not a timestamp (expected YYYY-MM-DD HH:MM:SS with an offset)") }
        guard y >= 1, mo >= 1, mo <= 12, d >= 1, d <= Civil.daysInMonth(y, mo) else {
            throw bad("invalid calendar date")
        }
        t.year = y
        t.month = mo
        t.day = d
        if n == 10 {
            guard allowDate else { throw bad("a date without a time is not allowed here") }
            t.zone = .dateOnly
            return t
        }
        let sep = v[10]
        guard sep == UInt8(ascii: "T") || sep == UInt8(ascii: "t") || sep == UInt8(ascii: " "),
            let h = num(11, 2), n > 13, v[13] == UInt8(ascii: ":"), let mi = num(14, 2)
        else { throw bad("not a timestamp (expected YYYY-MM-DD HH:MM:SS with an offset)") }
        var i = 16
        var s = 0
        if i < n && v[i] == UInt8(ascii: ":") {
            guard let sec = num(i + 1, 2) else { throw bad("invalid seconds") }
            s = sec
            i += 3
        }
        var fraction = FractionDigits()
        if i < n && v[i] == UInt8(ascii: ".") {
            i += 1
            let start = i
            while i < n && isDigit(v[i]) {
                fraction.push(Int(v[i] &- 48))
                i += 1
            }
            if i == start { throw bad("empty fraction of a second") }
        }
        guard h <= 23, mi <= 59, s <= 59 else { throw bad("invalid time of day") }
        t.hour = h
        t.minute = mi
        t.second = s
        if i < n && v[i] == UInt8(ascii: " ") && i + 1 < n { i += 1 }
        if i == n {
            guard naiveAllowed else { throw bad("timestamp without a UTC offset (no input_timezone configured)") }
            t.zone = .naive
        } else if v[i] == UInt8(ascii: "Z") || v[i] == UInt8(ascii: "z") {
            guard i + 1 == n else { throw bad("unexpected text after the offset") }
            t.zone = .offset(0)
        } else if v[i] == UInt8(ascii: "+") || v[i] == UInt8(ascii: "-") {
            let sign = v[i] == UInt8(ascii: "-") ? -1 : 1
            guard let oh = num(i + 1, 2) else { throw bad("invalid UTC offset") }
            var om = 0
            var j = i + 3
            if j < n {
                if v[j] == UInt8(ascii: ":") { j += 1 }
                guard let m = num(j, 2), j + 2 == n else { throw bad("invalid UTC offset") }
                om = m
            }
            guard oh <= 15, om <= 59 else { throw bad("UTC offset out of range") }
            t.zone = .offset(sign * (oh * 3600 + om * 60))
        } else {
            throw bad("unexpected text after the time")
        }
        t.micro = fraction.micros()
        if t.micro == 1_000_000 {
            t.micro = 0
            guard t.addSecond() else { throw bad("timestamp out of range") }
        }
        return t
    }

    private static func parseEpoch(
        _ d: DecimalScan, _ v: UnsafeBufferPointer<UInt8>, field: String
    ) throws(FieldError) -> Timestamp {
        func bad(_ m: String) -> FieldError { FieldError(reason: .badTimestamp, field: field, message: m) }
        if d.negative && !d.isZero(v) { throw bad("negative epoch value") }
        guard let parts = d.epochParts(v), parts.integer < 100_000_000_000_000 else {
            throw bad("epoch value too large (1e14 or more)")
        }
        var whole = parts.integer
        var fraction = parts.fraction
        if whole >= 100_000_000_000 {
            fraction = fraction.prefixed(byMillis: whole % 1000)
            whole /= 1000
        }
        var micro = fraction.micros()
        if micro == 1_000_000 {
            micro = 0
            whole += 1
        }
        let days = whole / 86400
        let rest = whole % 86400
        let date = Civil.date(days: days)
        return Timestamp(
            year: date.year, month: date.month, day: date.day, hour: rest / 3600, minute: rest / 60 % 60,
            second: rest % 60, micro: micro, zone: .offset(0))
    }
}
