#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif
import Postgres

/// Turns the loader's own COPY TEXT rows into COPY BINARY tuples for the direct path, so the server stores the values
/// without parsing text (a third of its work on a usage file: timestamps and numbers).
///
/// Only the shapes the validator renders are converted, and only where the value is certain: a time with an explicit
/// offset, plain decimals, integers, text with the four escapes `CopyText` writes. A naive time (wall clock in the
/// `input_timezone`, which the server resolves) or anything unexpected makes `append` return false, and the loader
/// sends that row through the staging table in text instead, where the server reads it as before.
struct CopyBinaryEncoder {
    enum Column {
        case text, timestamptz, bigint, smallint, numeric
    }

    /// The columns of a text row, in order (its line number included).
    let columns: [Column]

    /// `PGCOPY\n\377\r\n\0`, no flags, no header extension.
    static let header: [UInt8] = Array("PGCOPY\n".utf8) + [0xFF, 0x0D, 0x0A, 0x00, 0, 0, 0, 0, 0, 0, 0, 0]
    /// A field count of -1.
    static let trailer: [UInt8] = [0xFF, 0xFF]

    /// Nil when a column type has no binary conversion here.
    init?(types: [String]) {
        var columns: [Column] = []
        for type in types {
            switch type {
            case "text": columns.append(.text)
            case "timestamptz": columns.append(.timestamptz)
            case "bigint": columns.append(.bigint)
            case "smallint": columns.append(.smallint)
            case "numeric": columns.append(.numeric)
            default: return nil
            }
        }
        self.columns = columns
    }

    /// Appends the tuple of `row` (tab-separated fields, one per column) followed by the `bigint`s of `extra`; returns
    /// false, with `out` unchanged, when some field cannot be converted exactly.
    func append(row: UnsafeBufferPointer<UInt8>, extra: (Int64, Int64), to out: inout OutputBuffer) -> Bool {
        let start = out.count
        out.appendBigEndian(Int16(columns.count + 2))
        var fieldStart = 0
        for (index, column) in columns.enumerated() {
            let fieldEnd = Self.index(of: 9, in: row, from: fieldStart)
            let isLast = index == columns.count - 1
            guard isLast ? fieldEnd == row.count : fieldEnd < row.count else {
                out.truncate(to: start)
                return false
            }
            let field = UnsafeBufferPointer(rebasing: row[fieldStart..<fieldEnd])
            guard Self.append(field, as: column, to: &out) else {
                out.truncate(to: start)
                return false
            }
            fieldStart = fieldEnd + 1
        }
        out.appendBigEndian(Int32(8))
        out.appendBigEndian(extra.0)
        out.appendBigEndian(Int32(8))
        out.appendBigEndian(extra.1)
        return true
    }

    static func append(_ field: UnsafeBufferPointer<UInt8>, as column: Column, to out: inout OutputBuffer) -> Bool {
        if field.count == 2 && field[0] == UInt8(ascii: "\\") && field[1] == UInt8(ascii: "N") {
            out.appendBigEndian(Int32(-1))
            return true
        }
        switch column {
        case .text: return appendText(field, to: &out)
        case .timestamptz:
            guard let micros = timestampMicros(field) else { return false }
            out.appendBigEndian(Int32(8))
            out.appendBigEndian(micros)
            return true
        case .bigint:
            guard let value = integer(field) else { return false }
            out.appendBigEndian(Int32(8))
            out.appendBigEndian(value)
            return true
        case .smallint:
            guard let value = integer(field), let small = Int16(exactly: value) else { return false }
            out.appendBigEndian(Int32(2))
            out.appendBigEndian(small)
            return true
        case .numeric: return appendNumeric(field, to: &out)
        }
    }

    /// The index of the first `byte` in `buffer` at or after `start`, or `buffer.count`.
    @inline(__always)
    static func index(of byte: UInt8, in buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard start < buffer.count, let base = buffer.baseAddress,
            let found = memchr(base + start, Int32(byte), buffer.count - start)
        else { return buffer.count }
        return UnsafeRawPointer(found) - UnsafeRawPointer(base)
    }

    /// Text with `\\`, `\t`, `\n`, `\r` unescaped; any other escape is not one the renderer writes.
    static func appendText(_ field: UnsafeBufferPointer<UInt8>, to out: inout OutputBuffer) -> Bool {
        if index(of: UInt8(ascii: "\\"), in: field, from: 0) == field.count {
            out.appendBigEndian(Int32(field.count))
            out.append(field)
            return true
        }
        let lengthAt = out.count
        out.appendBigEndian(Int32(0))
        var i = 0
        var plainFrom = 0
        while i < field.count {
            guard field[i] == UInt8(ascii: "\\") else {
                i += 1
                continue
            }
            out.append(UnsafeBufferPointer(rebasing: field[plainFrom..<i]))
            guard i + 1 < field.count else { return false }
            switch field[i + 1] {
            case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
            case UInt8(ascii: "t"): out.append(9)
            case UInt8(ascii: "n"): out.append(10)
            case UInt8(ascii: "r"): out.append(13)
            default: return false
            }
            i += 2
            plainFrom = i
        }
        out.append(UnsafeBufferPointer(rebasing: field[plainFrom..<field.count]))
        out.patchBigEndian(Int32(out.count - lengthAt - 4), at: lengthAt)
        return true
    }

    /// Microseconds since 2000-01-01 00:00:00 UTC of `YYYY-MM-DD HH:MM:SS.ffffff±HH:MM` (`CopyText.appendTimestamp`
    /// of a time with an offset); nil for any other shape (naive times name their zone, bare dates have no fraction).
    static func timestampMicros(_ f: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard f.count == 32, f[4] == UInt8(ascii: "-"), f[7] == UInt8(ascii: "-"), f[10] == UInt8(ascii: " "),
            f[13] == UInt8(ascii: ":"), f[16] == UInt8(ascii: ":"), f[19] == UInt8(ascii: "."),
            f[26] == UInt8(ascii: "+") || f[26] == UInt8(ascii: "-"), f[29] == UInt8(ascii: ":")
        else { return nil }
        var valid = true
        func number(_ at: Int, _ width: Int) -> Int {
            var x = 0
            for i in at..<(at + width) {
                let digit = Int(f[i]) - 48
                if digit < 0 || digit > 9 { valid = false }
                x = x * 10 + digit
            }
            return x
        }
        let year = number(0, 4)
        let month = number(5, 2)
        let day = number(8, 2)
        let seconds =
            number(11, 2) * 3600 + number(14, 2) * 60 + number(17, 2)
        let micro = number(20, 6)
        let offset = (number(27, 2) * 3600 + number(30, 2) * 60) * (f[26] == UInt8(ascii: "-") ? -1 : 1)
        guard valid, year >= 1, month >= 1, month <= 12, day >= 1, day <= Civil.daysInMonth(year, month) else {
            return nil
        }
        let unixSeconds = Civil.days(year: year, month: month, day: day) * 86400 + seconds - offset
        return Int64(unixSeconds - 946_684_800) * 1_000_000 + Int64(micro)
    }

    /// An optionally signed decimal integer that fits in 64 bits.
    static func integer(_ f: UnsafeBufferPointer<UInt8>) -> Int64? {
        var i = 0
        let negative = f.count > 0 && f[0] == UInt8(ascii: "-")
        if negative { i = 1 }
        guard i < f.count, f.count - i <= 19 else { return nil }
        var value: Int64 = 0
        while i < f.count {
            let digit = Int64(f[i]) - 48
            guard digit >= 0 && digit <= 9 else { return nil }
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(digit)
            guard !overflow1 && !overflow2 else { return nil }
            value = sum
            i += 1
        }
        return negative ? -value : value
    }

    /// A plain decimal (`123`, `0.0120`, as `DecimalScan.appendPlain` writes; a leading `-` allowed) in the binary
    /// numeric format: base-10000 digits, weight of the first, sign, display scale (the written fraction digits, so
    /// `0.0120` stays `0.0120`).
    static func appendNumeric(_ f: UnsafeBufferPointer<UInt8>, to out: inout OutputBuffer) -> Bool {
        var i = 0
        let negative = f.count > 0 && f[0] == UInt8(ascii: "-")
        if negative { i = 1 }
        let intStart = i
        while i < f.count && f[i] >= 48 && f[i] <= 57 { i += 1 }
        let intEnd = i
        var fracStart = i
        var fracEnd = i
        if i < f.count {
            guard f[i] == UInt8(ascii: "."), i + 1 < f.count else { return false }
            fracStart = i + 1
            i = fracStart
            while i < f.count && f[i] >= 48 && f[i] <= 57 { i += 1 }
            guard i == f.count, i > fracStart else { return false }
            fracEnd = i
        }
        guard intEnd > intStart || fracEnd > fracStart else { return false }
        let scale = fracEnd - fracStart
        guard scale <= 1000, intEnd - intStart <= 1000 else { return false }
        // Digits aligned on the decimal point: the integer part padded on the left and the fraction on the right to
        // whole groups of four.
        let intDigits = intEnd - intStart
        let intGroups = (intDigits + 3) / 4
        let fracGroups = (scale + 3) / 4
        var groups: [Int16] = []
        groups.reserveCapacity(intGroups + fracGroups)
        var position = intStart - (intGroups * 4 - intDigits)
        for _ in 0..<intGroups {
            var g = 0
            for j in position..<(position + 4) { g = g * 10 + (j >= intStart ? Int(f[j]) - 48 : 0) }
            groups.append(Int16(g))
            position += 4
        }
        position = fracStart
        for _ in 0..<fracGroups {
            var g = 0
            for j in position..<(position + 4) { g = g * 10 + (j < fracEnd ? Int(f[j]) - 48 : 0) }
            groups.append(Int16(g))
            position += 4
        }
        var weight = intGroups - 1
        var first = 0
        while first < groups.count && groups[first] == 0 {
            first += 1
            weight -= 1
        }
        var last = groups.count
        while last > first && groups[last - 1] == 0 { last -= 1 }
        let digits = groups[first..<last]
        if digits.isEmpty { weight = 0 }
        out.appendBigEndian(Int32(8 + 2 * digits.count))
        out.appendBigEndian(Int16(digits.count))
        out.appendBigEndian(Int16(weight))
        out.appendBigEndian(Int16(negative && !digits.isEmpty ? 0x4000 : 0))
        out.appendBigEndian(Int16(scale))
        for digit in digits { out.appendBigEndian(digit) }
        return true
    }
}
