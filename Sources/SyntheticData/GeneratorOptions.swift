/// What to generate. Identical options give identical bytes.
public struct GeneratorOptions: Sendable, Equatable {
    /// Users in the population (all of them in `users.csv`, except a few "unlisted" ones).
    public var users: Int
    /// Calendar months of activity, starting with `startMonth`.
    public var months: Int
    public var seed: UInt64
    /// First month (UTC). Default: `YearMonth.defaultStart(months:)`, so the data ends with October 2026.
    public var startMonth: YearMonth
    /// When set, usage is scaled to about this many rows in total; otherwise about 5 rows per user and month.
    public var usageRows: Int?
    /// Settlement currencies besides USD (from `supportedCurrencies`); users in countries using them pay in them.
    /// FX rates are written for each.
    public var currencies: [String]
    /// Target share of users who ever pay.
    public var payerShare: Double
    /// Usage rows of each month re-sent at the top of the next month's file with the same content (the time
    /// written as `+00:00` instead of `Z`): the loader must count them as duplicates.
    public var resentUsageRows: Int
    /// Share of active users whose `users` row is missing (their signup month is inferred from their events).
    public var unlistedUserShare: Double

    public init(
        users: Int = 1_000,
        months: Int = 6,
        seed: UInt64 = 42,
        startMonth: YearMonth? = nil,
        usageRows: Int? = nil,
        currencies: [String] = ["EUR", "GBP"],
        payerShare: Double = 0.05,
        resentUsageRows: Int = 3,
        unlistedUserShare: Double = 0.005
    ) {
        self.users = users
        self.months = months
        self.seed = seed
        self.startMonth = startMonth ?? YearMonth.defaultStart(months: months)
        self.usageRows = usageRows
        self.currencies = currencies
        self.payerShare = payerShare
        self.resentUsageRows = resentUsageRows
        self.unlistedUserShare = unlistedUserShare
    }

    /// The codes that may be passed as `currencies`.
    public static let supportedCurrencies: [String] = ["EUR", "GBP", "JPY"]

    /// Usage rows aimed at (before the re-sent duplicates).
    public var targetUsageRows: Int { usageRows ?? users * months * 5 }

    func validate() throws {
        guard users >= 1 && users <= 100_000_000 else {
            throw GeneratorError.invalidOption("users must be between 1 and 100000000 (got \(users))")
        }
        guard months >= 1 && months <= 240 else {
            throw GeneratorError.invalidOption("months must be between 1 and 240 (got \(months))")
        }
        guard (1...12).contains(startMonth.month), (1971...9000).contains(startMonth.year) else {
            throw GeneratorError.invalidOption("start month \(startMonth) is not a valid month")
        }
        if let usageRows, usageRows < 0 || usageRows > 10_000_000_000 {
            throw GeneratorError.invalidOption("usage rows must be between 0 and 10000000000 (got \(usageRows))")
        }
        for code in currencies where !GeneratorOptions.supportedCurrencies.contains(code) {
            throw GeneratorError.invalidOption(
                "currency \(code) is not supported (use \(GeneratorOptions.supportedCurrencies.joined(separator: ", ")))"
            )
        }
        guard payerShare >= 0 && payerShare <= 0.5 else {
            throw GeneratorError.invalidOption("payer share must be between 0 and 0.5 (got \(payerShare))")
        }
        guard resentUsageRows >= 0 && resentUsageRows <= 1_000 else {
            throw GeneratorError.invalidOption("resent usage rows must be between 0 and 1000")
        }
        guard unlistedUserShare >= 0 && unlistedUserShare <= 0.5 else {
            throw GeneratorError.invalidOption("unlisted user share must be between 0 and 0.5")
        }
    }
}
