/// Encoding checks on raw record bytes: valid UTF-8 (no overlongs, surrogates or code points above
/// U+10FFFF) and no NUL byte (PostgreSQL text cannot hold one).
enum UTF8Check {
    /// Offset of the first bad byte, or nil when the bytes are clean.
    static func firstProblem(_ base: UnsafePointer<UInt8>, _ count: Int) -> Int? {
        var i = 0
        // Eight ASCII bytes without a zero at a time.
        while i + 8 <= count {
            let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            let hasHigh = w & 0x8080_8080_8080_8080
            let hasZero = (w &- 0x0101_0101_0101_0101) & ~w & 0x8080_8080_8080_8080
            if hasHigh | hasZero != 0 { break }
            i += 8
        }
        while i < count {
            let b = base[i]
            if b < 0x80 {
                if b == 0 { return i }
                i += 1
                continue
            }
            let need: Int
            var lo: UInt8 = 0x80
            var hi: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: need = 1
            case 0xE0: need = 2; lo = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: need = 2
            case 0xED: need = 2; hi = 0x9F
            case 0xF0: need = 3; lo = 0x90
            case 0xF1...0xF3: need = 3
            case 0xF4: need = 3; hi = 0x8F
            default: return i
            }
            if i + need >= count { return i }
            let c1 = base[i + 1]
            if c1 < lo || c1 > hi { return i }
            var k = 2
            while k <= need {
                if base[i + k] & 0xC0 != 0x80 { return i }
                k += 1
            }
            i += need + 1
        }
        return nil
    }

    /// Raw record text for the quarantine: at most `limit` bytes (cut at a character boundary), decoded
    /// lossily, NULs replaced by U+FFFD.
    static func rawText(_ base: UnsafePointer<UInt8>, _ count: Int, limit: Int) -> String {
        var n = min(count, limit)
        if n < count {
            var back = 0
            while n > 0 && back < 3 && base[n] & 0xC0 == 0x80 {
                n -= 1
                back += 1
            }
        }
        let text = String(decoding: UnsafeBufferPointer(start: base, count: n), as: UTF8.self)
        return text.contains("\u{0}") ? text.replacingNULs() : text
    }
}

extension String {
    fileprivate func replacingNULs() -> String {
        String(String.UnicodeScalarView(unicodeScalars.map { $0.value == 0 ? "\u{FFFD}" : $0 }))
    }
}
