/// Text formatting straight into the byte buffer: integers, fixed-point decimals, timestamps, CSV fields and JSON
/// strings. Money and prices are always formatted from integers, so no float artefacts can appear.
extension ByteWriter {
    @inline(__always)
    func byte(_ value: UInt8) {
        buffer.append(value)
    }

    @inline(__always)
    func bytes(_ value: [UInt8]) {
        buffer.append(contentsOf: value)
    }

    func text(_ value: String) {
        buffer.append(contentsOf: value.utf8)
    }

    /// Ends a line (LF or CRLF) and flushes when the buffer is full: lines are the unit of flushing.
    @inline(__always)
    func endLine(crlf: Bool = false) {
        if crlf { buffer.append(13) }
        buffer.append(10)
        flushIfFull()
    }

    func int(_ value: Int64) {
        if value < 0 {
            buffer.append(UInt8(ascii: "-"))
            // Int64.min cannot be negated; the generator never writes it.
            uint(UInt64(-value), width: 1)
        } else {
            uint(UInt64(value), width: 1)
        }
    }

    @inline(__always)
    func int(_ value: Int) { int(Int64(value)) }

    /// Decimal digits of `value`, left-padded with zeros to `width`.
    func uint(_ value: UInt64, width: Int) {
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
            UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &digits) { raw in
            repeat {
                raw[count] = UInt8(truncatingIfNeeded: rest % 10) + 48
                rest /= 10
                count += 1
            } while rest > 0
            var pad = width - count
            while pad > 0 {
                buffer.append(48)
                pad -= 1
            }
            var index = count - 1
            while index >= 0 {
                buffer.append(raw[index])
                index -= 1
            }
        }
    }

    @inline(__always)
    func padded(_ value: Int, width: Int) { uint(UInt64(value), width: width) }

    /// `units / 10^scale` as a decimal with exactly `scale` fraction digits (e.g. 1999, 2 → "19.99"); with
    /// `trim`, trailing fraction zeros (and a bare point) are dropped ("20.00" → "20").
    func decimal(_ units: Int64, scale: Int, trim: Bool = false) {
        precondition(units >= 0)
        var divisor: Int64 = 1
        for _ in 0..<scale { divisor *= 10 }
        let whole = units / divisor
        var fraction = units % divisor
        uint(UInt64(whole), width: 1)
        guard scale > 0 else { return }
        var digits = scale
        if trim {
            if fraction == 0 { return }
            while fraction % 10 == 0 {
                fraction /= 10
                digits -= 1
            }
        }
        buffer.append(UInt8(ascii: "."))
        uint(UInt64(fraction), width: digits)
    }

    /// `YYYY-MM-DD`.
    func date(days: Int64) {
        let c = CivilTime.civil(days: days)
        padded(c.year, width: 4)
        buffer.append(UInt8(ascii: "-"))
        padded(c.month, width: 2)
        buffer.append(UInt8(ascii: "-"))
        padded(c.day, width: 2)
    }

    /// RFC 3339: `YYYY-MM-DDTHH:MM:SS[.fff|.ffffff](Z|±HH:MM)`. The offset only changes how the instant is
    /// written (the wall clock shifts with it), never the instant.
    func timestamp(_ instant: Int64, style: TimeStyle) {
        let local = instant + Int64(style.offsetMinutes) * 60 * CivilTime.microsPerSecond
        let day = CivilTime.dayNumber(local)
        var rest = local - day * CivilTime.microsPerDay
        date(days: day)
        buffer.append(UInt8(ascii: "T"))
        let hour = rest / CivilTime.microsPerHour
        rest -= hour * CivilTime.microsPerHour
        let minute = rest / (60 * CivilTime.microsPerSecond)
        rest -= minute * 60 * CivilTime.microsPerSecond
        let second = rest / CivilTime.microsPerSecond
        let micros = rest - second * CivilTime.microsPerSecond
        padded(Int(hour), width: 2)
        buffer.append(UInt8(ascii: ":"))
        padded(Int(minute), width: 2)
        buffer.append(UInt8(ascii: ":"))
        padded(Int(second), width: 2)
        switch style.fraction {
        case .none:
            break
        case .millis:
            buffer.append(UInt8(ascii: "."))
            padded(Int(micros / 1000), width: 3)
        case .micros:
            buffer.append(UInt8(ascii: "."))
            padded(Int(micros), width: 6)
        }
        if style.offsetMinutes == 0 && !style.explicitZeroOffset {
            buffer.append(UInt8(ascii: "Z"))
        } else {
            let offset = style.offsetMinutes
            buffer.append(offset < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
            padded(abs(offset) / 60, width: 2)
            buffer.append(UInt8(ascii: ":"))
            padded(abs(offset) % 60, width: 2)
        }
    }

    /// One CSV field per RFC 4180: quoted (quotes doubled) when it holds a comma, quote, CR or LF.
    func csvField(_ value: String) {
        let utf8 = value.utf8
        let needsQuotes = utf8.contains { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }
        guard needsQuotes else {
            buffer.append(contentsOf: utf8)
            return
        }
        buffer.append(34)
        for unit in utf8 {
            if unit == 34 { buffer.append(34) }
            buffer.append(unit)
        }
        buffer.append(34)
    }

    /// A JSON string literal with `"`, `\` and control characters escaped (non-ASCII stays UTF-8).
    func jsonString(_ value: String) {
        buffer.append(34)
        for unit in value.utf8 {
            switch unit {
            case 34: buffer.append(contentsOf: [92, 34])
            case 92: buffer.append(contentsOf: [92, 92])
            case 10: buffer.append(contentsOf: [92, 110])
            case 13: buffer.append(contentsOf: [92, 114])
            case 9: buffer.append(contentsOf: [92, 116])
            case 0..<32:
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                buffer.append(contentsOf: [92, 117, 48, 48, hex[Int(unit >> 4)], hex[Int(unit & 15)]])
            default: buffer.append(unit)
            }
        }
        buffer.append(34)
    }
}
