#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Parses one JSON Lines line: a single object whose known keys fill the row's slots. Strings are
/// unescaped into scratch space only when they hold escapes; numbers keep their text (never a float);
/// `null` is absent; booleans, arrays and objects are tagged for the field's own rejection. Unknown keys
/// are reported to the caller and their values only checked for well-formedness.
struct JSONLineParser {
    enum Failure: Error {
        case malformed(String)
        /// A `\u` escape that is not a valid code point (lone surrogate), in `field` when known.
        case encoding(field: String?)
    }

    let names: [[UInt8]]
    let fieldNames: [String]
    let scratch: UnsafeMutablePointer<UInt8>
    let scratchCapacity: Int
    private var used = 0
    private var b: UnsafePointer<UInt8> = UnsafePointer(bitPattern: 1)!
    private var n = 0
    private var i = 0
    static let maxDepth = 64

    init(kind: IngestKind, scratch: UnsafeMutablePointer<UInt8>, capacity: Int) {
        fieldNames = kind.fields
        names = fieldNames.map { Array($0.utf8) }
        self.scratch = scratch
        scratchCapacity = capacity
    }

    mutating func parse(
        _ base: UnsafePointer<UInt8>, count: Int, into row: RowFields,
        unknownKey: (UnsafeBufferPointer<UInt8>) -> Void
    ) throws(Failure) {
        b = base
        n = count
        i = 0
        used = 0
        row.clear()
        skipSpace()
        guard i < n, b[i] == UInt8(ascii: "{") else {
            if i < n && b[i] == UInt8(ascii: "[") { throw .malformed("a JSON array, not an object") }
            throw .malformed("not a JSON object")
        }
        i += 1
        skipSpace()
        var seen: UInt64 = 0
        if i < n && b[i] == UInt8(ascii: "}") {
            i += 1
        } else {
            while true {
                guard i < n, b[i] == UInt8(ascii: "\"") else { throw .malformed("invalid JSON: expected a key") }
                let key = try string(field: nil)
                skipSpace()
                guard i < n, b[i] == UInt8(ascii: ":") else { throw .malformed("invalid JSON: expected ':'") }
                i += 1
                skipSpace()
                let slot = lookup(key)
                let field = slot >= 0 ? fieldNames[slot] : nil
                guard i < n else { throw .malformed("invalid JSON: missing value") }
                var tag = FieldTag.absent
                var value = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
                switch b[i] {
                case UInt8(ascii: "\""):
                    tag = .text
                    value = try string(field: field)
                case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    tag = .number
                    value = try number()
                case UInt8(ascii: "t"):
                    try literal("true")
                    tag = .boolean
                case UInt8(ascii: "f"):
                    try literal("false")
                    tag = .boolean
                case UInt8(ascii: "n"):
                    try literal("null")
                case UInt8(ascii: "["):
                    try skipValue(depth: 1)
                    tag = .array
                case UInt8(ascii: "{"):
                    try skipValue(depth: 1)
                    tag = .object
                default:
                    throw .malformed("invalid JSON value")
                }
                if slot >= 0 {
                    if seen & (1 << UInt64(slot)) != 0 { throw .malformed("duplicate key \(field!)") }
                    seen |= 1 << UInt64(slot)
                    if tag != .absent { row.set(slot, tag, value) }
                } else {
                    unknownKey(key)
                }
                skipSpace()
                guard i < n else { throw .malformed("invalid JSON: unterminated object") }
                if b[i] == UInt8(ascii: "}") {
                    i += 1
                    break
                }
                guard b[i] == UInt8(ascii: ",") else { throw .malformed("invalid JSON: expected ',' or '}'") }
                i += 1
                skipSpace()
            }
        }
        skipSpace()
        if i != n { throw .malformed("text after the JSON object") }
    }

    private func lookup(_ key: UnsafeBufferPointer<UInt8>) -> Int {
        var s = 0
        var e = key.count
        while s < e && TextRules.isASCIISpace(key[s]) { s += 1 }
        while e > s && TextRules.isASCIISpace(key[e - 1]) { e -= 1 }
        let count = e - s
        guard count > 0 else { return -1 }
        let k = key.baseAddress! + s
        for slot in 0..<names.count where names[slot].count == count && names[slot][0] == k[0] {
            let same = names[slot].withUnsafeBufferPointer { memcmp($0.baseAddress!, k, count) == 0 }
            if same { return slot }
        }
        return -1
    }

    @inline(__always)
    private mutating func skipSpace() {
        while i < n {
            let c = b[i]
            if c == 32 || c == 9 || c == 10 || c == 13 { i += 1 } else { break }
        }
    }

    private mutating func literal(_ word: StaticString) throws(Failure) {
        let len = word.utf8CodeUnitCount
        guard i + len <= n else { throw .malformed("invalid JSON literal") }
        let w = word.utf8Start
        for k in 0..<len where b[i + k] != w[k] { throw .malformed("invalid JSON literal") }
        i += len
    }

    /// JSON number grammar; returns its text.
    private mutating func number() throws(Failure) -> UnsafeBufferPointer<UInt8> {
        let s = i
        if b[i] == UInt8(ascii: "-") { i += 1 }
        guard i < n, isDigit(b[i]) else { throw .malformed("invalid JSON number") }
        if b[i] == UInt8(ascii: "0") {
            i += 1
        } else {
            while i < n && isDigit(b[i]) { i += 1 }
        }
        if i < n && b[i] == UInt8(ascii: ".") {
            i += 1
            guard i < n, isDigit(b[i]) else { throw .malformed("invalid JSON number") }
            while i < n && isDigit(b[i]) { i += 1 }
        }
        if i < n && (b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E")) {
            i += 1
            if i < n && (b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-")) { i += 1 }
            guard i < n, isDigit(b[i]) else { throw .malformed("invalid JSON number") }
            while i < n && isDigit(b[i]) { i += 1 }
        }
        if i < n && (isDigit(b[i]) || b[i] == UInt8(ascii: ".")) { throw .malformed("invalid JSON number") }
        return UnsafeBufferPointer(start: b + s, count: i - s)
    }

    /// A string at `i` (on its opening quote); its unescaped bytes.
    private mutating func string(field: String?) throws(Failure) -> UnsafeBufferPointer<UInt8> {
        i += 1
        let s = i
        while i < n {
            let c = b[i]
            if c == UInt8(ascii: "\"") {
                i += 1
                return UnsafeBufferPointer(start: b + s, count: i - 1 - s)
            }
            if c == UInt8(ascii: "\\") { break }
            if c < 0x20 { throw .malformed("invalid JSON: control character in a string") }
            i += 1
        }
        guard i < n else { throw .malformed("invalid JSON: unterminated string") }
        // Escapes: copy into scratch.
        let out = scratch + used
        var o = 0
        func put(_ byte: UInt8) { out[o] = byte; o += 1 }
        for k in s..<i { put(b[k]) }
        while true {
            guard i < n else { throw .malformed("invalid JSON: unterminated string") }
            let c = b[i]
            if c == UInt8(ascii: "\"") {
                i += 1
                break
            }
            if c < 0x20 { throw .malformed("invalid JSON: control character in a string") }
            if c != UInt8(ascii: "\\") {
                put(c)
                i += 1
                continue
            }
            guard i + 1 < n else { throw .malformed("invalid JSON: unterminated string") }
            let e = b[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): put(e)
            case UInt8(ascii: "b"): put(8)
            case UInt8(ascii: "f"): put(12)
            case UInt8(ascii: "n"): put(10)
            case UInt8(ascii: "r"): put(13)
            case UInt8(ascii: "t"): put(9)
            case UInt8(ascii: "u"):
                var cp = try hex4()
                if cp >= 0xD800 && cp <= 0xDBFF {
                    guard i + 1 < n, b[i] == UInt8(ascii: "\\"), b[i + 1] == UInt8(ascii: "u") else {
                        throw .encoding(field: field)
                    }
                    i += 2
                    let low = try hex4()
                    guard low >= 0xDC00 && low <= 0xDFFF else { throw .encoding(field: field) }
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00)
                } else if cp >= 0xDC00 && cp <= 0xDFFF {
                    throw .encoding(field: field)
                }
                if cp < 0x80 {
                    put(UInt8(cp))
                } else if cp < 0x800 {
                    put(UInt8(0xC0 | (cp >> 6)))
                    put(UInt8(0x80 | (cp & 0x3F)))
                } else if cp < 0x10000 {
                    put(UInt8(0xE0 | (cp >> 12)))
                    put(UInt8(0x80 | ((cp >> 6) & 0x3F)))
                    put(UInt8(0x80 | (cp & 0x3F)))
                } else {
                    put(UInt8(0xF0 | (cp >> 18)))
                    put(UInt8(0x80 | ((cp >> 12) & 0x3F)))
                    put(UInt8(0x80 | ((cp >> 6) & 0x3F)))
                    put(UInt8(0x80 | (cp & 0x3F)))
                }
            default:
                throw .malformed("invalid JSON escape")
            }
        }
        used += o
        return UnsafeBufferPointer(start: out, count: o)
    }

    private mutating func hex4() throws(Failure) -> Int {
        guard i + 4 <= n else { throw .malformed("invalid JSON \\u escape") }
        var v = 0
        for _ in 0..<4 {
            let c = b[i]
            let d: Int
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = Int(c) - 48
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = Int(c) - 87
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = Int(c) - 55
            default: throw .malformed("invalid JSON \\u escape")
            }
            v = v * 16 + d
            i += 1
        }
        return v
    }

    /// Checks and skips any JSON value at `i` (nested arrays and objects, bounded depth).
    private mutating func skipValue(depth: Int) throws(Failure) {
        guard depth <= Self.maxDepth else { throw .malformed("JSON nested too deeply") }
        guard i < n else { throw .malformed("invalid JSON: missing value") }
        switch b[i] {
        case UInt8(ascii: "\""): _ = try string(field: nil)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): _ = try number()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        case UInt8(ascii: "["):
            i += 1
            skipSpace()
            if i < n && b[i] == UInt8(ascii: "]") {
                i += 1
                return
            }
            while true {
                try skipValue(depth: depth + 1)
                skipSpace()
                guard i < n else { throw .malformed("invalid JSON: unterminated array") }
                if b[i] == UInt8(ascii: "]") {
                    i += 1
                    return
                }
                guard b[i] == UInt8(ascii: ",") else { throw .malformed("invalid JSON: expected ',' or ']'") }
                i += 1
                skipSpace()
            }
        case UInt8(ascii: "{"):
            i += 1
            skipSpace()
            if i < n && b[i] == UInt8(ascii: "}") {
                i += 1
                return
            }
            while true {
                guard i < n, b[i] == UInt8(ascii: "\"") else { throw .malformed("invalid JSON: expected a key") }
                _ = try string(field: nil)
                skipSpace()
                guard i < n, b[i] == UInt8(ascii: ":") else { throw .malformed("invalid JSON: expected ':'") }
                i += 1
                skipSpace()
                try skipValue(depth: depth + 1)
                skipSpace()
                guard i < n else { throw .malformed("invalid JSON: unterminated object") }
                if b[i] == UInt8(ascii: "}") {
                    i += 1
                    return
                }
                guard b[i] == UInt8(ascii: ",") else { throw .malformed("invalid JSON: expected ',' or '}'") }
                i += 1
                skipSpace()
            }
        default:
            throw .malformed("invalid JSON value")
        }
    }
}
