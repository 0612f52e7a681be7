/// A settlement currency: its ISO 4217 exponent, a starting USD rate in millionths, and whether payments in it
/// are written as `amount_minor` (integer minor units) rather than `amount`.
struct CurrencySpec: Sendable {
    let code: String
    let exponent: Int
    /// USD for one unit, in millionths (1.08 USD per EUR = 1_080_000).
    let startRate: Int64
    let writesMinor: Bool

    static let all: [CurrencySpec] = [
        CurrencySpec(code: "USD", exponent: 2, startRate: 1_000_000, writesMinor: false),
        CurrencySpec(code: "EUR", exponent: 2, startRate: 1_082_000, writesMinor: true),
        CurrencySpec(code: "GBP", exponent: 2, startRate: 1_268_000, writesMinor: false),
        CurrencySpec(code: "JPY", exponent: 0, startRate: 6_700, writesMinor: true),
    ]

    static let usd = 0
    static let eur = 1
    static let gbp = 2
    static let jpy = 3

    static func index(of code: String) -> Int? { all.firstIndex { $0.code == code } }
}
