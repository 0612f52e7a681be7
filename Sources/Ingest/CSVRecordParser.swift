/// RFC 4180 record parsing on bytes: quoted fields with `""` escapes and embedded newlines, CRLF or LF.
/// A record is parsed from its start each time (a record cut by the end of the buffer is re-parsed after
/// more bytes arrive). Leniencies: a quote inside an unquoted field is literal (`5" screen`); a lone CR
/// is an ordinary byte. A character after a closing quote other than `,` or the line end is malformed.
struct CSVRecordParser {
    enum Outcome {
        /// A whole record: content ends at `contentEnd` (before CRLF/LF), the next record starts at `next`.
        case record(contentEnd: Int, next: Int, newlines: Int)
        /// The buffer ends inside the record and more bytes may follow.
        case needMore
        /// A character after a closing quote at `at` (`newlines` counted before it).
        case badQuote(at: Int, newlines: Int)
        /// End of file inside a quoted field.
        case unterminated
    }

    struct Field {
        var start: Int
        var end: Int
        /// The field holds `""` escapes and must be unescaped.
        var escaped: Bool
    }

    /// Field ranges of the last record (quoted fields without their quotes), on memory owned here.
    private var fields: UnsafeMutablePointer<Field>
    private var capacity: Int
    private(set) var fieldCount = 0

    init() {
        capacity = 64
        fields = .allocate(capacity: capacity)
    }

    func free() { fields.deallocate() }

    @inline(__always)
    func field(_ f: Int) -> Field { fields[f] }

    @inline(__always)
    private mutating func add(_ s: Int, _ e: Int, _ esc: Bool) {
        if fieldCount == capacity {
            let grown = UnsafeMutablePointer<Field>.allocate(capacity: capacity * 2)
            grown.initialize(from: fields, count: fieldCount)
            fields.deallocate()
            fields = grown
            capacity *= 2
        }
        (fields + fieldCount).initialize(to: Field(start: s, end: e, escaped: esc))
        fieldCount += 1
    }

    mutating func parse(_ buf: UnsafePointer<UInt8>, from p: Int, end: Int, eof: Bool) -> Outcome {
        fieldCount = 0
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf: UInt8 = 10, cr: UInt8 = 13
        var i = p
        var nl = 0
        while true {
            if i < end && buf[i] == quote {
                i += 1
                let fs = i
                var esc = false
                while true {
                    while i < end && buf[i] != quote {
                        if buf[i] == lf { nl += 1 }
                        i += 1
                    }
                    if i >= end { return eof ? .unterminated : .needMore }
                    if i + 1 >= end {
                        if !eof { return .needMore }
                        add(fs, i, esc)
                        return .record(contentEnd: i + 1, next: i + 1, newlines: nl)
                    }
                    if buf[i + 1] == quote {
                        esc = true
                        i += 2
                        continue
                    }
                    break
                }
                add(fs, i, esc)
                i += 1
                let c = buf[i]
                if c == comma {
                    i += 1
                    continue
                }
                if c == lf { return .record(contentEnd: i, next: i + 1, newlines: nl) }
                if c == cr {
                    if i + 1 >= end {
                        if !eof { return .needMore }
                        return .record(contentEnd: i, next: i + 1, newlines: nl)
                    }
                    if buf[i + 1] == lf { return .record(contentEnd: i, next: i + 2, newlines: nl) }
                }
                return .badQuote(at: i, newlines: nl)
            }
            let fs = i
            while i < end {
                let c = buf[i]
                if c == comma || c == lf { break }
                i += 1
            }
            if i >= end {
                if !eof { return .needMore }
                var fe = end
                if fe > fs && buf[fe - 1] == cr { fe -= 1 }
                add(fs, fe, false)
                return .record(contentEnd: fe, next: end, newlines: nl)
            }
            if buf[i] == comma {
                add(fs, i, false)
                i += 1
                continue
            }
            var fe = i
            if fe > fs && buf[fe - 1] == cr { fe -= 1 }
            add(fs, fe, false)
            return .record(contentEnd: fe, next: i + 1, newlines: nl)
        }
    }
}

/// Finds the end of a record without keeping it (records over the size cap, or after a stray quote),
/// resumable across buffer refills.
struct CSVSkipper {
    enum State {
        case fieldStart, unquoted, quoted, quoteInQuoted
    }

    var state: State
    /// Line feeds passed, including the record's terminating one.
    var newlines = 0

    /// Scans from `i`; the index after the record's terminator, or nil when the buffer ended first.
    mutating func scan(_ buf: UnsafePointer<UInt8>, from start: Int, end: Int) -> Int? {
        var i = start
        while i < end {
            let c = buf[i]
            i += 1
            switch state {
            case .fieldStart, .unquoted, .quoteInQuoted:
                if c == 10 {
                    newlines += 1
                    return i
                }
                if c == UInt8(ascii: ",") {
                    state = .fieldStart
                } else if c == UInt8(ascii: "\"") {
                    state = state == .unquoted ? .unquoted : .quoted
                } else {
                    state = .unquoted
                }
            case .quoted:
                if c == UInt8(ascii: "\"") {
                    state = .quoteInQuoted
                } else if c == 10 {
                    newlines += 1
                }
            }
        }
        return nil
    }
}
