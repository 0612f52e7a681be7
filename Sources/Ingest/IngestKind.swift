/// The seven kinds of input file (SPEC 2.1, 2.2). The raw value is the name used in file names, the
/// `--kind` option and the `ingest.loads.kind` column.
public enum IngestKind: String, CaseIterable, Sendable {
    case users
    case usage
    case feedback
    case payments
    case modelPrices = "model_prices"
    case fxRates = "fx_rates"
    case features

    /// The kind named by a file name: the longest kind name the (last path component of the) name starts
    /// with, followed by `-`, `_`, `.` or the end of the name, compared case-insensitively.
    /// `usage-2026-11-29.csv.gz` → usage, `model_prices.csv` → modelPrices, `fx_rates_eu.csv` → fxRates.
    public static func detect(fileName: String) -> IngestKind? {
        let name = Array(baseName(fileName).utf8).map(asciiLower)
        var best: IngestKind?
        for kind in allCases {
            let prefix = Array(kind.rawValue.utf8)
            guard name.count >= prefix.count, Array(name[0..<prefix.count]) == prefix else { continue }
            if name.count > prefix.count {
                let next = name[prefix.count]
                guard next == UInt8(ascii: "-") || next == UInt8(ascii: "_") || next == UInt8(ascii: ".") else {
                    continue
                }
            }
            if best == nil || prefix.count > best!.rawValue.utf8.count { best = kind }
        }
        return best
    }

    /// Files still being written are never read: names beginning with `.` or ending in `.tmp`, `.part` or
    /// `.partial` (suffixes compared case-insensitively).
    public static func isIgnoredFileName(_ fileName: String) -> Bool {
        let name = String(decoding: baseName(fileName).utf8.map(asciiLower), as: UTF8.self)
        if name.hasPrefix(".") { return true }
        return name.hasSuffix(".tmp") || name.hasSuffix(".part") || name.hasSuffix(".partial")
    }

    /// Every field of the kind, in the order of SPEC 2.2 (this is also the internal slot order).
    public var fields: [String] {
        switch self {
        case .users: ["user_id", "signed_up_at", "channel", "country"]
        case .usage:
            [
                "event_id", "user_id", "occurred_at", "feature", "model", "input_tokens", "output_tokens",
                "cached_input_tokens", "cost", "cost_currency",
            ]
        case .feedback: ["event_id", "user_id", "occurred_at", "feature", "rating", "comment"]
        case .payments:
            [
                "payment_id", "user_id", "occurred_at", "kind", "amount", "amount_minor", "currency", "plan",
                "interval", "period_start", "period_end", "refund_of",
            ]
        case .modelPrices:
            ["model", "effective_from", "input_per_mtok", "output_per_mtok", "cached_input_per_mtok", "currency"]
        case .fxRates: ["currency", "date", "rate"]
        case .features: ["feature", "display_name", "value_per_call"]
        }
    }

    /// Fields every row (and, for CSV, the header) must have. Payments additionally need one of
    /// `requiredAlternatives`.
    public var requiredFields: [String] {
        switch self {
        case .users: ["user_id", "signed_up_at"]
        case .usage: ["event_id", "user_id", "occurred_at", "feature", "model", "input_tokens", "output_tokens"]
        case .feedback: ["event_id", "user_id", "occurred_at", "feature", "rating"]
        case .payments: ["payment_id", "user_id", "occurred_at", "kind", "currency"]
        case .modelPrices: ["model", "effective_from", "input_per_mtok", "output_per_mtok"]
        case .fxRates: ["currency", "date", "rate"]
        case .features: ["feature"]
        }
    }

    /// Groups of fields of which at least one is required (payments: `amount` or `amount_minor`).
    public var requiredAlternatives: [[String]] {
        self == .payments ? [["amount", "amount_minor"]] : []
    }

    /// Known fields that may be absent.
    public var optionalFields: [String] {
        let required = Set(requiredFields + requiredAlternatives.flatMap { $0 })
        return fields.filter { !required.contains($0) }
    }

    /// The columns of one rendered COPY line, in order (the last is always `line_number`).
    public var stagingColumns: [String] {
        switch self {
        case .users: ["user_id", "signed_up_at", "channel", "country", "line_number"]
        case .usage:
            [
                "event_id", "user_id", "occurred_at", "feature", "model", "input_tokens", "output_tokens",
                "cached_input_tokens", "cost", "cost_currency", "line_number",
            ]
        case .feedback: ["event_id", "user_id", "occurred_at", "feature", "rating", "comment", "line_number"]
        case .payments:
            [
                "payment_id", "user_id", "occurred_at", "kind", "amount", "currency", "plan", "interval",
                "period_start", "period_end", "refund_of", "line_number",
            ]
        case .modelPrices:
            [
                "model", "effective_from", "input_per_mtok", "output_per_mtok", "cached_input_per_mtok", "currency",
                "line_number",
            ]
        case .fxRates: ["currency", "date", "rate", "line_number"]
        case .features: ["feature", "display_name", "value_per_call", "line_number"]
        }
    }
}

/// The last path component (after the last `/`).
func baseName(_ path: String) -> Substring {
    if let slash = path.lastIndex(of: "/") { return path[path.index(after: slash)...] }
    return path[...]
}

@inline(__always)
func asciiLower(_ byte: UInt8) -> UInt8 {
    byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
}
