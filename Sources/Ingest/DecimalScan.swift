/// The shape of a decimal number written as text: `[+-]digits[.digits][(e|E)[+-]digits]`, with at least one
/// digit (`.5` and `5.` are accepted). Values are never converted through a binary float: the digits are
/// kept and re-rendered exactly.
struct DecimalScan {
    var negative = false
    var intStart = 0
    var intEnd = 0
    var fracStart = 0
    var fracEnd = 0
    /// Decimal exponent, clamped to ±1_000_000 (far beyond any value accepted).
    var exponent = 0

    /// Longest plain rendering accepted (digits on either side of the point).
    static let maxDigits = 1000

    /// nil when the text is not a decimal number (`NaN`, `1,213`, `$5`, `0x10`, empty).
    static func scan(_ b: UnsafeBufferPointer<UInt8>) -> DecimalScan? {
        var s = DecimalScan()
        var i = 0
        let n = b.count
        if i < n && (b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-")) {
            s.negative = b[i] == UInt8(ascii: "-")
            i += 1
        }
        s.intStart = i
        while i < n && isDigit(b[i]) { i += 1 }
        s.intEnd = i
        s.fracStart = i
        s.fracEnd = i
        if i < n && b[i] == UInt8(ascii: ".") {
            i += 1
            s.fracStart = i
            while i < n && isDigit(b[i]) { i += 1 }
            s.fracEnd = i
        }
        if s.intEnd == s.intStart && s.fracEnd == s.fracStart { return nil }
        if i < n && (b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E")) {
            i += 1
            var expNegative = false
            if i < n && (b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-")) {
                expNegative = b[i] == UInt8(ascii: "-")
                i += 1
            }
            let expStart = i
            var e = 0
            while i < n && isDigit(b[i]) {
                e = min(e * 10 + Int(b[i] &- 48), 1_000_000)
                i += 1
            }
            if i == expStart { return nil }
            s.exponent = expNegative ? -e : e
        }
        return i == n ? s : nil
    }

    private var intCount: Int { intEnd - intStart }
    private var digitCount: Int { intCount + fracEnd - fracStart }
    /// Position of the decimal point within the digit sequence after applying the exponent.
    private var point: Int { intCount + exponent }

    /// The i-th digit (0...9) of int digits followed by fraction digits; 0 outside the written digits.
    @inline(__always)
    private func digit(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        if i < 0 || i >= digitCount { return 0 }
        return i < intCount ? Int(b[intStart + i] &- 48) : Int(b[fracStart + i - intCount] &- 48)
    }

    private func firstNonZero(_ b: UnsafeBufferPointer<UInt8>) -> Int {
        var i = 0
        while i < digitCount && digit(b, i) == 0 { i += 1 }
        return i
    }

    func isZero(_ b: UnsafeBufferPointer<UInt8>) -> Bool { firstNonZero(b) == digitCount }

    /// True when the plain rendering would exceed `maxDigits` on either side of the point.
    func isTooLong(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        if isZero(b) { return false }
        return point - firstNonZero(b) > Self.maxDigits || digitCount - point > Self.maxDigits
    }

    /// Appends the exact value as plain decimal text without sign or exponent (leading zeros removed,
    /// written fraction digits kept: `007.50` → `7.50`, `1.5e3` → `1500`, `1e-05` → `0.00001`).
    func appendPlain(_ b: UnsafeBufferPointer<UInt8>, into out: inout OutputBuffer) {
        let p = point
        let fnz = firstNonZero(b)
        if fnz >= p {
            out.append(UInt8(ascii: "0"))
        } else if exponent == 0 {
            out.append(UnsafeBufferPointer(rebasing: b[(intStart + fnz)..<intEnd]))
        } else {
            for i in fnz..<p { out.append(UInt8(truncatingIfNeeded: 48 + digit(b, i))) }
        }
        if digitCount > p {
            out.append(UInt8(ascii: "."))
            if exponent == 0 {
                out.append(UnsafeBufferPointer(rebasing: b[fracStart..<fracEnd]))
            } else {
                for i in p..<digitCount { out.append(UInt8(truncatingIfNeeded: 48 + digit(b, i))) }
            }
        }
    }

    enum IntegerValue {
        case value(Int64)
        case notInteger
        /// Magnitude at or above 2^63.
        case overflow
    }

    /// The magnitude as an integer (`12`, `12.0`, `1.2e1` are 12); sign is in `negative`.
    func integerMagnitude(_ b: UnsafeBufferPointer<UInt8>) -> IntegerValue {
        let p = point
        let fnz = firstNonZero(b)
        var i = max(p, 0)
        while i < digitCount {
            if digit(b, i) != 0 { return .notInteger }
            i += 1
        }
        if fnz >= p { return .value(0) }
        if p - fnz > 19 { return .overflow }
        var v: UInt64 = 0
        for j in fnz..<p { v = v * 10 + UInt64(digit(b, j)) }
        return v > UInt64(Int64.max) ? .overflow : .value(Int64(v))
    }

    /// Integer part (truncated) when below 10^15, and a fraction-digit feeder for the rest.
    func epochParts(_ b: UnsafeBufferPointer<UInt8>) -> (integer: Int, fraction: FractionDigits)? {
        let p = point
        let fnz = firstNonZero(b)
        if p - fnz > 15 { return nil }
        var v = 0
        if fnz < p { for j in fnz..<p { v = v * 10 + digit(b, j) } }
        var f = FractionDigits()
        if digitCount > p {
            var i = min(p, 0)
            // Leading zeros when the point is left of the written digits, then the digits themselves.
            while i < digitCount && f.count < 8 {
                if i >= p { f.push(digit(b, i)) }
                i += 1
            }
            while i < digitCount {
                if digit(b, i) != 0 { f.sticky = true }
                i += 1
            }
        }
        return (v, f)
    }
}

/// Fraction-of-second digits, enough for microseconds rounded half-even: the first seven and whether any
/// later digit is non-zero.
struct FractionDigits {
    var firstSeven = 0
    var count = 0
    var sticky = false

    @inline(__always)
    mutating func push(_ d: Int) {
        if count < 7 {
            firstSeven = firstSeven * 10 + d
            count += 1
        } else if d != 0 {
            sticky = true
        }
    }

    /// Microseconds rounded half-even; 1_000_000 means "carry one second".
    func micros() -> Int {
        var seven = firstSeven
        for _ in count..<7 { seven *= 10 }
        var micro = seven / 10
        let last = seven % 10
        if last > 5 || (last == 5 && (sticky || micro % 2 == 1)) { micro += 1 }
        return micro
    }
}

@inline(__always)
func isDigit(_ b: UInt8) -> Bool { b &- 48 < 10 }

extension FractionDigits {
    /// The digits of milliseconds `rem` (0...999) followed by these digits (epoch milliseconds → seconds).
    func prefixed(byMillis rem: Int) -> FractionDigits {
        var f = FractionDigits()
        f.push(rem / 100)
        f.push(rem / 10 % 10)
        f.push(rem % 10)
        var divisor = 1
        for _ in 1..<max(count, 1) { divisor *= 10 }
        for _ in 0..<count {
            f.push(firstSeven / divisor % 10)
            divisor /= 10
        }
        if sticky { f.sticky = true }
        return f
    }
}
