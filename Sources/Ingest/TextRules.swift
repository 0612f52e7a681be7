import Foundation

/// Text fields (SPEC 2.2): trimmed and NFC-normalised, then 1...max characters (Unicode scalars, as
/// PostgreSQL's `length` counts them) and no control characters (general category Cc).
enum TextRules {
    enum Outcome {
        case ok
        case empty
        case tooLong(Int)
        case control
    }

    /// Validates `v` and, when valid, appends it escaped for COPY TEXT. `allowLineBreaks` admits tab, LF
    /// and CR inside (free text such as `comment`); other control characters are always refused.
    /// On failure nothing is appended.
    static func append(
        _ v: UnsafeBufferPointer<UInt8>, maxChars: Int, allowLineBreaks: Bool, into out: inout OutputBuffer
    ) -> Outcome {
        var s = 0
        var e = v.count
        while s < e && isASCIISpace(v[s]) { s += 1 }
        while e > s && isASCIISpace(v[e - 1]) { e -= 1 }
        if s == e { return .empty }
        var i = s
        var needsEscape = false
        while i < e {
            let b = v[i]
            if b >= 0x80 { return appendUnicode(v, maxChars: maxChars, allowLineBreaks: allowLineBreaks, into: &out) }
            if b < 0x20 || b == 0x7F {
                if !(allowLineBreaks && (b == 9 || b == 10 || b == 13)) { return .control }
                needsEscape = true
            } else if b == UInt8(ascii: "\\") {
                needsEscape = true
            }
            i += 1
        }
        if e - s > maxChars { return .tooLong(e - s) }
        let slice = UnsafeBufferPointer(rebasing: v[s..<e])
        if needsEscape { CopyText.appendEscaped(slice, into: &out) } else { out.append(slice) }
        return .ok
    }

    private static func appendUnicode(
        _ v: UnsafeBufferPointer<UInt8>, maxChars: Int, allowLineBreaks: Bool, into out: inout OutputBuffer
    ) -> Outcome {
        let text = normalized(v)
        if text.isEmpty { return .empty }
        var count = 0
        for scalar in text.unicodeScalars {
            let c = scalar.value
            if c < 0x20 || (c >= 0x7F && c <= 0x9F) {
                if !(allowLineBreaks && (c == 9 || c == 10 || c == 13)) { return .control }
            }
            count += 1
        }
        if count > maxChars { return .tooLong(count) }
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { CopyText.appendEscaped($0, into: &out) }
        return .ok
    }

    /// Trimmed (Unicode white space) and NFC-normalised text.
    static func normalized(_ v: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: v, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            .precomposedStringWithCanonicalMapping
    }

    @inline(__always)
    static func isASCIISpace(_ b: UInt8) -> Bool { b == 32 || (b >= 9 && b <= 13) }
}
