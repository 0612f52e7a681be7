/// ISO 4217 minor-unit exponents for `amount_minor` (SPEC 2.2): 0, 3 or 4 for the listed codes, else 2.
enum CurrencyExponent {
    private static let zero: Set<String> = [
        "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV", "XAF",
        "XOF", "XPF",
    ]
    private static let three: Set<String> = ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"]
    private static let four: Set<String> = ["CLF", "UYW"]

    static func of(_ code: String) -> Int {
        if zero.contains(code) { return 0 }
        if three.contains(code) { return 3 }
        if four.contains(code) { return 4 }
        return 2
    }

    /// `minor` (≥ 0) in major units as exact decimal text: 1999, 2 → `19.99`; 5, 2 → `0.05`; 500, 0 → `500`.
    static func appendMajor(_ minor: Int64, exponent: Int, into out: inout OutputBuffer) {
        var digits = Array(String(minor).utf8)
        if exponent == 0 {
            out.append(contentsOf: digits)
            return
        }
        while digits.count <= exponent { digits.insert(UInt8(ascii: "0"), at: 0) }
        out.append(contentsOf: digits[0..<(digits.count - exponent)])
        out.append(UInt8(ascii: "."))
        out.append(contentsOf: digits[(digits.count - exponent)...])
    }
}
