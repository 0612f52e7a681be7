/// Text formatting straight into the byte buffer: integers, fixed-point decimals, timestamps, CSV fields and JSON
/// strings. Money and prices are always formatted from integers, so no float artefacts can appear.
extension ByteWriter {
    @inline(__always)
    func byte(_ value: UInt8) {
        base[count] = value
        count += 1
    }

    func bytes(_ value: [UInt8]) {
        reserve(value.count)
        value.withUnsafeBufferPointer { source in
            (base + count).update(from: source.baseAddress!, count: source.count)
        }
        count += value.count
    }

    func text(_ value: String) {
        var value = value
        value.withUTF8 { source in
            reserve(source.count)
            if let address = source.baseAddress { (base + count).update(from: address, count: source.count) }
            count += source.count
        }
    }

    /// Ends a line (LF or CRLF) and flushes when the buffer is full: lines are the unit of flushing (a line is
    /// always shorter than the buffer's slack).
    @inline(__always)
    func endLine(crlf: Bool = false) {
        if crlf { byte(13) }
        byte(10)
        flushIfFull()
    }

    func int(_ value: Int64) {
        if value < 0 {
            byte(UInt8(ascii: "-"))
            // Int64.min cannot be negated; the generator never writes it.
            uint(UInt64(-value), width: 1)
        } else {
            uint(UInt64(value), width: 1)
        }
    }

    @inline(__always)
    func int(_ value: Int) { int(Int64(value)) }

    /// Decimal digits of `value`, left-padded with zeros to `width` (digits are written back to front in place).
    func uint(_ value: UInt64, width: Int) {
        var digits = 1
        var probe = value
        while probe >= 10 {
            probe /= 10
            digits += 1
        }
        let length = max(digits, width)
        var position = count + length - 1
        var rest = value
        for _ in 0..<digits {
            base[position] = UInt8(truncatingIfNeeded: rest % 10) &+ 48
            rest /= 10
            position -= 1
        }
        while position >= count {
            base[position] = 48
            position -= 1
        }
        count += length
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
        byte(UInt8(ascii: "."))
        uint(UInt64(fraction), width: digits)
    }

    /// `YYYY-MM-DD`.
    func date(days: Int64) {
        let c = CivilTime.civil(days: days)
        padded(c.year, width: 4)
        byte(UInt8(ascii: "-"))
        padded(c.month, width: 2)
        byte(UInt8(ascii: "-"))
        padded(c.day, width: 2)
    }

    /// RFC 3339: `YYYY-MM-DDTHH:MM:SS[.fff|.ffffff](Z|±HH:MM)`. The offset only changes how the instant is
    /// written (the wall clock shifts with it), never the instant.
    func timestamp(_ instant: Int64, style: TimeStyle) {
        let local = instant + Int64(style.offsetMinutes) * 60 * CivilTime.microsPerSecond
        let day = CivilTime.dayNumber(local)
        var rest = local - day * CivilTime.microsPerDay
        date(days: day)
        byte(UInt8(ascii: "T"))
        let hour = rest / CivilTime.microsPerHour
        rest -= hour * CivilTime.microsPerHour
        let minute = rest / (60 * CivilTime.microsPerSecond)
        rest -= minute * 60 * CivilTime.microsPerSecond
        let second = rest / CivilTime.microsPerSecond
        let micros = rest - second * CivilTime.microsPerSecond
        padded(Int(hour), width: 2)
        byte(UInt8(ascii: ":"))
        padded(Int(minute), width: 2)
        byte(UInt8(ascii: ":"))
        padded(Int(second), width: 2)
        switch style.fraction {
        case .none:
            break
        case .millis:
            byte(UInt8(ascii: "."))
            padded(Int(micros / 1000), width: 3)
        case .micros:
            byte(UInt8(ascii: "."))
            padded(Int(micros), width: 6)
        }
        if style.offsetMinutes == 0 && !style.explicitZeroOffset {
            byte(UInt8(ascii: "Z"))
        } else {
            let offset = style.offsetMinutes
            byte(offset < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
            padded(abs(offset) / 60, width: 2)
            byte(UInt8(ascii: ":"))
            padded(abs(offset) % 60, width: 2)
        }
    }

    /// One CSV field per RFC 4180: quoted (quotes doubled) when it holds a comma, quote, CR or LF.
    func csvField(_ value: String) {
        let utf8 = value.utf8
        let needsQuotes = utf8.contains { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }
        guard needsQuotes else {
            text(value)
            return
        }
        reserve(utf8.count * 2 + 2)
        byte(34)
        for unit in utf8 {
            if unit == 34 { byte(34) }
            byte(unit)
        }
        byte(34)
    }

    /// A JSON string literal with `"`, `\` and control characters escaped (non-ASCII stays UTF-8).
    func jsonString(_ value: String) {
        reserve(value.utf8.count * 6 + 2)
        byte(34)
        for unit in value.utf8 {
            switch unit {
            case 34, 92:
                byte(92)
                byte(unit)
            case 10:
                byte(92)
                byte(UInt8(ascii: "n"))
            case 13:
                byte(92)
                byte(UInt8(ascii: "r"))
            case 9:
                byte(92)
                byte(UInt8(ascii: "t"))
            case 0..<32:
                let hex = Array("0123456789abcdef".utf8)
                for part in [92, 117, 48, 48, hex[Int(unit >> 4)], hex[Int(unit & 15)]] { byte(part) }
            default: byte(unit)
            }
        }
        byte(34)
    }
}
