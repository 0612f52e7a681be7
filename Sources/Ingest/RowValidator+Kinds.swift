/// One renderer per kind; fields are validated in staging-column order, so the first broken rule (in that
/// order) is the one reported.
extension RowValidator {
    func renderUsers(_ row: RowFields, into out: inout OutputBuffer) throws(FieldError) {
        try text(row, 0, required: true, into: &out)
        tab(&out)
        append(try timestamp(row, 1, required: true, allowDate: true), into: &out)
        tab(&out)
        try text(row, 2, required: false, into: &out)
        tab(&out)
        try text(row, 3, required: false, into: &out)
    }

    func renderUsage(_ row: RowFields, into out: inout OutputBuffer) throws(FieldError) {
        try text(row, 0, required: true, into: &out)
        tab(&out)
        try text(row, 1, required: true, into: &out)
        tab(&out)
        append(try timestamp(row, 2, required: true, allowDate: false), into: &out)
        tab(&out)
        try text(row, 3, required: true, into: &out)
        tab(&out)
        try text(row, 4, required: true, into: &out)
        let input = try count(row, 5, required: true)!
        let output = try count(row, 6, required: true)!
        let cached = try count(row, 7, required: false) ?? 0
        if cached > input {
            throw FieldError(
                reason: .outOfRange, field: names[7], message: "cached_input_tokens exceeds input_tokens")
        }
        tab(&out)
        CopyText.appendInt(Int(input), into: &out)
        tab(&out)
        CopyText.appendInt(Int(output), into: &out)
        tab(&out)
        CopyText.appendInt(Int(cached), into: &out)
        tab(&out)
        try money(row, 8, required: false, into: &out)
        tab(&out)
        if let c = try currency(row, 9, required: false) { out.append(c) } else { out.append(contentsOf: usd) }
    }

    func renderFeedback(_ row: RowFields, into out: inout OutputBuffer) throws(FieldError) {
        try text(row, 0, required: true, into: &out)
        tab(&out)
        try text(row, 1, required: true, into: &out)
        tab(&out)
        append(try timestamp(row, 2, required: true, allowDate: false), into: &out)
        tab(&out)
        try text(row, 3, required: true, into: &out)
        tab(&out)
        CopyText.appendInt(try rating(row, 4), into: &out)
        tab(&out)
        try text(row, 5, required: false, maxChars: Self.maxCommentChars, lineBreaks: true, into: &out)
    }

    /// An integer 1-5, or `up` (5) / `down` (1), case-insensitive.
    func rating(_ row: RowFields, _ slot: Int) throws(FieldError) -> Int {
        guard let v = try value(row, slot, wrongType: .badNumber) else { throw missing(slot) }
        let lower = v.map(asciiLower)
        if lower == Array("up".utf8) { return 5 }
        if lower == Array("down".utf8) { return 1 }
        guard DecimalScan.scan(v) != nil else {
            throw FieldError(reason: .badEnum, field: names[slot], message: "expected 1-5, up or down")
        }
        let x = try integer(v, field: names[slot])
        guard x >= 1 && x <= 5 else {
            throw FieldError(reason: .outOfRange, field: names[slot], message: "rating must be 1-5")
        }
        return Int(x)
    }

    func renderPayments(_ row: RowFields, into out: inout OutputBuffer) throws(FieldError) {
        try text(row, 0, required: true, into: &out)
        tab(&out)
        try text(row, 1, required: true, into: &out)
        tab(&out)
        let occurred = try timestamp(row, 2, required: true, allowDate: false)!
        append(occurred, into: &out)
        tab(&out)
        let isCharge = try enumeration(row, 3, ["charge", "refund"], required: true)! == 0
        out.append(contentsOf: isCharge ? Array("charge".utf8) : Array("refund".utf8))
        // amount (wins) or amount_minor; the latter needs the currency's exponent.
        var major: (UnsafeBufferPointer<UInt8>, DecimalScan)?
        var minor: Int64 = 0
        if let v = try value(row, 4, wrongType: .badNumber) {
            major = (v, try moneyScan(v, field: names[4]))
        } else if let v = try value(row, 5, wrongType: .badNumber) {
            minor = try integer(v, field: names[5])
            if minor < 0 { throw FieldError(reason: .outOfRange, field: names[5], message: "negative amount") }
        } else {
            throw FieldError(reason: .missingField, field: names[4], message: "amount or amount_minor is required")
        }
        let currency = try self.currency(row, 6, required: true)!
        tab(&out)
        if let (v, d) = major {
            d.appendPlain(v, into: &out)
        } else {
            let code = String(decoding: currency, as: UTF8.self)
            CurrencyExponent.appendMajor(minor, exponent: CurrencyExponent.of(code), into: &out)
        }
        tab(&out)
        out.append(currency)
        tab(&out)
        try text(row, 7, required: false, into: &out)
        tab(&out)
        let intervals = ["month", "quarter", "year", "one_time"]
        let interval = try enumeration(row, 8, intervals, required: false)
        if let interval {
            out.append(contentsOf: Array(intervals[interval].utf8))
        } else {
            CopyText.appendNull(into: &out)
        }
        if isCharge && interval == nil {
            throw FieldError(reason: .missingField, field: names[8], message: "a charge needs an interval")
        }
        tab(&out)
        if isCharge && interval == 3 {
            // One-time charges have no service period: the period fields are ignored.
            CopyText.appendNull(into: &out)
            tab(&out)
            CopyText.appendNull(into: &out)
        } else {
            let start = try timestamp(row, 9, required: false, allowDate: true)
            let end = try timestamp(row, 10, required: false, allowDate: true)
            if let end, let o = order(end, start ?? occurred), o <= 0 {
                throw FieldError(
                    reason: .outOfRange, field: names[10],
                    message: start == nil
                        ? "period_end is not after occurred_at" : "period_end is not after period_start")
            }
            append(start, into: &out)
            tab(&out)
            append(end, into: &out)
        }
        tab(&out)
        let hasRefundOf = try text(row, 11, required: false, into: &out)
        if !isCharge && !hasRefundOf {
            throw FieldError(reason: .missingField, field: names[11], message: "a refund must name refund_of")
        }
    }

    func renderModelPrices(_ row: RowFields, into out: inout OutputBuffer) throws(FieldError) {
        try text(row, 0, required: true, into: &out)
        tab(&out)
        append(try timestamp(row, 1, required: true, allowDate: true), into: &out)
        tab(&out)
        let (inputText, inputScan) = try money(row, 2, required: true, into: &out)!
        tab(&out)
        try money(row, 3, required: true, into: &out)
        tab(&out)
        if try value(row, 4, wrongType: .badNumber) != nil {
            try money(row, 4, required: false, into: &out)
        } else {
            inputScan.appendPlain(inputText, into: &out)
        }
        tab(&out)
        if let c = try currency(row, 5, required: false) {
            out.append(contentsOf: c)
        } else {
            out.append(contentsOf: usd)
        }
    }

    func renderFXRates(_ row: RowFields, into out: inout OutputBuffer) throws(FieldError) {
        out.append(contentsOf: try currency(row, 0, required: true)!)
        tab(&out)
        append(try timestamp(row, 1, required: true, allowDate: true), into: &out)
        tab(&out)
        try money(row, 2, required: true, positive: true, into: &out)
    }

    func renderFeatures(_ row: RowFields, into out: inout OutputBuffer) throws(FieldError) {
        try text(row, 0, required: true, into: &out)
        tab(&out)
        try text(row, 1, required: false, maxChars: Self.maxDisplayNameChars, into: &out)
        tab(&out)
        try money(row, 2, required: false, into: &out)
    }
}

private let usd: [UInt8] = Array("USD".utf8)
