/// Checks one record against the field rules of SPEC 2.2 and renders it as one COPY TEXT line (staging
/// columns of `IngestKind.stagingColumns`, then the line number). A broken rule throws a `FieldError`;
/// the caller removes any partial output.
struct RowValidator {
    let kind: IngestKind
    let names: [String]
    let inputZone: [UInt8]
    let naiveAllowed: Bool
    /// Naive values (input zone) and bare dates (reporting zone) are wall clocks of the same zone.
    let zonesEqual: Bool

    static let maxTextChars = 200
    static let maxDisplayNameChars = 1000
    static let maxCommentChars = 10_000

    init(kind: IngestKind, options: IngestOptions) {
        self.kind = kind
        names = kind.fields
        inputZone = Array((options.inputTimeZone ?? "").utf8)
        naiveAllowed = options.inputTimeZone != nil
        zonesEqual = options.inputTimeZone == options.reportingTimeZone
    }

    func render(_ row: RowFields, line: Int, into out: inout OutputBuffer) throws(FieldError) {
        switch kind {
        case .users: try renderUsers(row, into: &out)
        case .usage: try renderUsage(row, into: &out)
        case .feedback: try renderFeedback(row, into: &out)
        case .payments: try renderPayments(row, into: &out)
        case .modelPrices: try renderModelPrices(row, into: &out)
        case .fxRates: try renderFXRates(row, into: &out)
        case .features: try renderFeatures(row, into: &out)
        }
        tab(&out)
        CopyText.appendInt(line, into: &out)
        out.append(10)
    }

    // MARK: field access

    /// The trimmed value, nil when absent or blank; a JSON value of a type no field takes is `reason`.
    @inline(__always)
    func value(_ row: RowFields, _ slot: Int, wrongType reason: RejectReason) throws(FieldError)
        -> UnsafeBufferPointer<UInt8>?
    {
        let tag = row.tag(slot)
        if tag == .absent { return nil }
        if tag.rawValue > FieldTag.number.rawValue {
            throw FieldError(reason: reason, field: names[slot], message: "expected a string or number, found \(tag)")
        }
        let v = row.value(slot)
        var s = 0
        var e = v.count
        while s < e && TextRules.isASCIISpace(v[s]) { s += 1 }
        while e > s && TextRules.isASCIISpace(v[e - 1]) { e -= 1 }
        if s == e { return nil }
        return UnsafeBufferPointer(rebasing: v[s..<e])
    }

    func missing(_ slot: Int) -> FieldError {
        FieldError(reason: .missingField, field: names[slot], message: "\(names[slot]) is required")
    }

    @inline(__always)
    func tab(_ out: inout OutputBuffer) { out.append(9) }

    // MARK: text

    /// Text rules; appends the text or `\N`. Returns whether a value was written.
    @discardableResult
    func text(
        _ row: RowFields, _ slot: Int, required: Bool, maxChars: Int = maxTextChars, lineBreaks: Bool = false,
        into out: inout OutputBuffer
    ) throws(FieldError) -> Bool {
        if let v = try value(row, slot, wrongType: .badText) {
            switch TextRules.append(v, maxChars: maxChars, allowLineBreaks: lineBreaks, into: &out) {
            case .ok: return true
            case .empty: break
            case .tooLong(let n):
                throw FieldError(
                    reason: .badText, field: names[slot], message: "\(n) characters (at most \(maxChars) allowed)")
            case .control:
                throw FieldError(reason: .badText, field: names[slot], message: "contains control characters")
            }
        }
        if required { throw missing(slot) }
        CopyText.appendNull(into: &out)
        return false
    }

    // MARK: timestamps

    func timestamp(_ row: RowFields, _ slot: Int, required: Bool, allowDate: Bool) throws(FieldError) -> Timestamp? {
        guard let v = try value(row, slot, wrongType: .badTimestamp) else {
            if required { throw missing(slot) }
            return nil
        }
        return try TimestampParser.parse(v, field: names[slot], allowDate: allowDate, naiveAllowed: naiveAllowed)
    }

    func append(_ t: Timestamp?, into out: inout OutputBuffer) {
        if let t {
            CopyText.appendTimestamp(t, inputZone: inputZone, into: &out)
        } else {
            CopyText.appendNull(into: &out)
        }
    }

    /// Order of two timestamps as PostgreSQL would see them (-1, 0, 1), or nil when it depends on time
    /// zone rules that only the database applies exactly (wall clocks of different zones within 36 hours,
    /// or of one zone within 3 hours, a DST shift's reach).
    func order(_ a: Timestamp, _ b: Timestamp) -> Int? {
        func sign(_ x: Int) -> Int { x < 0 ? -1 : (x > 0 ? 1 : 0) }
        let wa = a.wallSeconds
        let wb = b.wallSeconds
        var exactA = 0
        var exactB = 0
        switch (a.zone, b.zone) {
        case (.offset(let oa), .offset(let ob)):
            let d = (wa - oa) - (wb - ob)
            return d != 0 ? sign(d) : sign(a.micro - b.micro)
        case (.naive, .naive), (.dateOnly, .dateOnly):
            return sameZone(wa - wb, a.micro - b.micro)
        case (.naive, .dateOnly), (.dateOnly, .naive):
            if zonesEqual { return sameZone(wa - wb, a.micro - b.micro) }
        case (.offset(let oa), _):
            exactA = oa
        case (_, .offset(let ob)):
            exactB = ob
        }
        let d = (wa - exactA) - (wb - exactB)
        return abs(d) > 36 * 3600 ? sign(d) : nil
    }

    /// Wall clocks of one zone: equal clocks are equal instants; otherwise the order is certain only
    /// beyond a DST shift's reach.
    private func sameZone(_ seconds: Int, _ micros: Int) -> Int? {
        if seconds == 0 && micros == 0 { return 0 }
        if abs(seconds) >= 3 * 3600 { return seconds < 0 ? -1 : 1 }
        return nil
    }

    // MARK: numbers

    /// Token-count rules: an integer (by value) 0 ≤ n < 2^53.
    func count(_ row: RowFields, _ slot: Int, required: Bool) throws(FieldError) -> Int64? {
        guard let v = try value(row, slot, wrongType: .badNumber) else {
            if required { throw missing(slot) }
            return nil
        }
        // Fast path: up to 15 plain digits are always below 2^53.
        if v.count <= 15 {
            var x: Int64 = 0
            var plain = true
            for b in v {
                if !isDigit(b) {
                    plain = false
                    break
                }
                x = x &* 10 &+ Int64(b &- 48)
            }
            if plain { return x }
        }
        let field = names[slot]
        let x = try integer(v, field: field)
        if x < 0 { throw FieldError(reason: .outOfRange, field: field, message: "negative count") }
        if x >= 1 << 53 { throw FieldError(reason: .outOfRange, field: field, message: "count of 2^53 or more") }
        return x
    }

    /// An integer by value (`12.0` and `1.2e1` are 12); not a number / not an integer / magnitude of 2^63
    /// or more are `bad_number`.
    func integer(_ v: UnsafeBufferPointer<UInt8>, field: String) throws(FieldError) -> Int64 {
        guard let d = DecimalScan.scan(v) else {
            throw FieldError(reason: .badNumber, field: field, message: "not a number")
        }
        switch d.integerMagnitude(v) {
        case .value(let m): return d.negative ? -m : m
        case .notInteger: throw FieldError(reason: .badNumber, field: field, message: "not an integer")
        case .overflow: throw FieldError(reason: .badNumber, field: field, message: "integer too large")
        }
    }

    /// A money decimal ≥ 0 (exact text; exponent notation expanded).
    func moneyScan(_ v: UnsafeBufferPointer<UInt8>, field: String, positive: Bool = false) throws(FieldError)
        -> DecimalScan
    {
        guard let d = DecimalScan.scan(v) else {
            throw FieldError(reason: .badNumber, field: field, message: "not a decimal number")
        }
        if d.isTooLong(v) { throw FieldError(reason: .badNumber, field: field, message: "too many digits") }
        let zero = d.isZero(v)
        if d.negative && !zero { throw FieldError(reason: .outOfRange, field: field, message: "negative amount") }
        if positive && zero { throw FieldError(reason: .outOfRange, field: field, message: "must be greater than 0") }
        return d
    }

    /// A money field: appends its plain decimal text or `\N`; returns the value's bytes and scan.
    @discardableResult
    func money(_ row: RowFields, _ slot: Int, required: Bool, positive: Bool = false, into out: inout OutputBuffer)
        throws(FieldError) -> (UnsafeBufferPointer<UInt8>, DecimalScan)?
    {
        guard let v = try value(row, slot, wrongType: .badNumber) else {
            if required { throw missing(slot) }
            CopyText.appendNull(into: &out)
            return nil
        }
        let d = try moneyScan(v, field: names[slot], positive: positive)
        d.appendPlain(v, into: &out)
        return (v, d)
    }

    // MARK: codes

    /// Three upper-case ASCII letters; nil when absent.
    func currency(_ row: RowFields, _ slot: Int, required: Bool) throws(FieldError) -> UnsafeBufferPointer<UInt8>? {
        guard let v = try value(row, slot, wrongType: .badCurrency) else {
            if required { throw missing(slot) }
            return nil
        }
        guard v.count == 3, v.allSatisfy({ $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) else {
            throw FieldError(
                reason: .badCurrency, field: names[slot], message: "expected three upper-case letters (ISO 4217)")
        }
        return v
    }

    /// One of `allowed` (compared case-insensitively); returns its index.
    func enumeration(_ row: RowFields, _ slot: Int, _ allowed: [String], required: Bool) throws(FieldError) -> Int? {
        guard let v = try value(row, slot, wrongType: .badEnum) else {
            if required { throw missing(slot) }
            return nil
        }
        let lower = v.map(asciiLower)
        if let i = allowed.firstIndex(where: { Array($0.utf8) == lower }) { return i }
        throw FieldError(
            reason: .badEnum, field: names[slot], message: "expected one of: \(allowed.joined(separator: ", "))")
    }
}
