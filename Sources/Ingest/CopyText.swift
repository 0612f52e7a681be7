/// Writing PostgreSQL COPY TEXT format: tab-separated, `\N` for NULL, backslash, tab, LF and CR escaped.
enum CopyText {
    static func appendEscaped(_ v: UnsafeBufferPointer<UInt8>, into out: inout OutputBuffer) {
        for b in v {
            switch b {
            case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "\\"))
            case 9: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "t"))
            case 10: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "n"))
            case 13: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "r"))
            default: out.append(b)
            }
        }
    }

    @inline(__always)
    static func appendNull(into out: inout OutputBuffer) {
        out.append(UInt8(ascii: "\\"))
        out.append(UInt8(ascii: "N"))
    }

    static func appendInt(_ value: Int, into out: inout OutputBuffer) {
        var v = value
        if v < 0 {
            out.append(UInt8(ascii: "-"))
            v = -v
        }
        if v < 10 {
            out.append(UInt8(truncatingIfNeeded: 48 + v))
            return
        }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var n = 0
        withUnsafeMutableBytes(of: &digits) { raw in
            while v > 0 {
                raw[23 - n] = UInt8(truncatingIfNeeded: 48 + v % 10)
                v /= 10
                n += 1
            }
            let p = raw.baseAddress!.assumingMemoryBound(to: UInt8.self) + (24 - n)
            out.append(UnsafeBufferPointer(start: p, count: n))
        }
    }

    @inline(__always)
    static func append2(_ v: Int, into out: inout OutputBuffer) {
        out.append(UInt8(truncatingIfNeeded: 48 + v / 10))
        out.append(UInt8(truncatingIfNeeded: 48 + v % 10))
    }

    @inline(__always)
    static func append4(_ v: Int, into out: inout OutputBuffer) {
        append2(v / 100, into: &out)
        append2(v % 100, into: &out)
    }

    /// `YYYY-MM-DD HH:MM:SS.ffffff` then the zone: `+HH:MM` for offsets, ` <input zone>` for naive values,
    /// nothing for bare dates (rendered `YYYY-MM-DD 00:00:00`: the session's reporting zone applies).
    static func appendTimestamp(_ t: Timestamp, inputZone: [UInt8], into out: inout OutputBuffer) {
        append4(t.year, into: &out)
        out.append(UInt8(ascii: "-"))
        append2(t.month, into: &out)
        out.append(UInt8(ascii: "-"))
        append2(t.day, into: &out)
        out.append(UInt8(ascii: " "))
        append2(t.hour, into: &out)
        out.append(UInt8(ascii: ":"))
        append2(t.minute, into: &out)
        out.append(UInt8(ascii: ":"))
        append2(t.second, into: &out)
        switch t.zone {
        case .dateOnly:
            return
        case .naive:
            appendMicros(t.micro, into: &out)
            out.append(UInt8(ascii: " "))
            out.append(contentsOf: inputZone)
        case .offset(let seconds):
            appendMicros(t.micro, into: &out)
            out.append(seconds < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
            let m = abs(seconds) / 60
            append2(m / 60, into: &out)
            out.append(UInt8(ascii: ":"))
            append2(m % 60, into: &out)
        }
    }

    @inline(__always)
    private static func appendMicros(_ micro: Int, into out: inout OutputBuffer) {
        out.append(UInt8(ascii: "."))
        append2(micro / 10000, into: &out)
        append2(micro / 100 % 100, into: &out)
        append2(micro % 100, into: &out)
    }
}
