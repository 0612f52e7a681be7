/// Acquisition channels and countries, with the behaviour that differs by them.
enum Demographics {
    struct Channel: Sendable {
        let name: String
        let weight: Double
        /// Chance per month that a free user stops using the product.
        let monthlyChurn: Double
        /// Relative chance of becoming a payer.
        let payerFactor: Double
    }

    struct Country: Sendable {
        let code: String
        let weight: Double
        /// Settlement currency index when that currency is enabled (else USD).
        let currency: Int
        /// UTC offset some of its clients write timestamps with.
        let offsetMinutes: Int
    }

    static let channels: [Channel] = [
        Channel(name: "organic", weight: 45, monthlyChurn: 0.22, payerFactor: 1.0),
        Channel(name: "ads", weight: 30, monthlyChurn: 0.38, payerFactor: 0.75),
        Channel(name: "referral", weight: 15, monthlyChurn: 0.16, payerFactor: 1.5),
        Channel(name: "partner", weight: 10, monthlyChurn: 0.26, payerFactor: 1.2),
    ]

    static let countries: [Country] = [
        Country(code: "US", weight: 30, currency: CurrencySpec.usd, offsetMinutes: -300),
        Country(code: "IN", weight: 10, currency: CurrencySpec.usd, offsetMinutes: 330),
        Country(code: "GB", weight: 8, currency: CurrencySpec.gbp, offsetMinutes: 60),
        Country(code: "DE", weight: 8, currency: CurrencySpec.eur, offsetMinutes: 120),
        Country(code: "FR", weight: 6, currency: CurrencySpec.eur, offsetMinutes: 120),
        Country(code: "BR", weight: 6, currency: CurrencySpec.usd, offsetMinutes: -180),
        Country(code: "CA", weight: 5, currency: CurrencySpec.usd, offsetMinutes: -240),
        Country(code: "ES", weight: 4, currency: CurrencySpec.eur, offsetMinutes: 120),
        Country(code: "JP", weight: 4, currency: CurrencySpec.jpy, offsetMinutes: 540),
        Country(code: "NL", weight: 3, currency: CurrencySpec.eur, offsetMinutes: 120),
        Country(code: "IT", weight: 3, currency: CurrencySpec.eur, offsetMinutes: 120),
        Country(code: "MX", weight: 3, currency: CurrencySpec.usd, offsetMinutes: -360),
        Country(code: "AU", weight: 3, currency: CurrencySpec.usd, offsetMinutes: 600),
        Country(code: "KR", weight: 2, currency: CurrencySpec.usd, offsetMinutes: 540),
        Country(code: "PL", weight: 2, currency: CurrencySpec.usd, offsetMinutes: 60),
        Country(code: "IE", weight: 1, currency: CurrencySpec.eur, offsetMinutes: 0),
    ]
}
