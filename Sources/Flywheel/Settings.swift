import Foundation

/// The resolved configuration of one command: `flywheel.toml` (or `--config` / `FLYWHEEL_CONFIG`), then options.
public struct Settings: Sendable, Equatable {
    public var databaseURL: String?
    public var dataDir: String = ".flywheel"
    public var inbox: String?
    public var reportsDir: String = "reports"
    public var reportingCurrency: String = "USD"
    public var reportingTimezone: String = "UTC"
    public var inputTimezone: String?
    /// Decimal text (exact), e.g. "0.5".
    public var targetGrossMargin: String = "0.5"
    public var maxBadRowFraction: Double = 0.05
    /// The configuration file the settings came from, if any.
    public var configFile: String?

    public init() {}

    /// The keys of the file, also options of every subcommand (`--database-url`, …).
    public static let keys = [
        "database_url", "data_dir", "inbox", "reports_dir", "reporting_currency", "reporting_timezone",
        "input_timezone", "target_gross_margin", "max_bad_row_fraction",
    ]

    /// Checks value formats; throws `ConfigurationError` naming the key.
    public func validated() throws(ConfigurationError) -> Settings {
        let currency = reportingCurrency.utf8
        guard currency.count == 3, currency.allSatisfy({ $0 >= 65 && $0 <= 90 }) else {
            throw ConfigurationError("reporting_currency must be three upper-case letters (ISO 4217), e.g. USD")
        }
        for (key, zone) in [("reporting_timezone", reportingTimezone), ("input_timezone", inputTimezone ?? "UTC")] {
            guard TimeZone(identifier: zone) != nil else {
                throw ConfigurationError("\(key) is not a known time zone name (IANA, e.g. Europe/Paris): \(zone)")
            }
        }
        guard let margin = Decimal(string: targetGrossMargin, locale: Locale(identifier: "en_US_POSIX")),
            margin >= 0, margin < 1, targetGrossMargin.allSatisfy({ $0.isNumber || $0 == "." })
        else {
            throw ConfigurationError("target_gross_margin must be a decimal number in [0, 1), e.g. 0.5")
        }
        guard maxBadRowFraction >= 0, maxBadRowFraction <= 1 else {
            throw ConfigurationError("max_bad_row_fraction must be a number in [0, 1], e.g. 0.05")
        }
        return self
    }
}

/// A configuration problem: exit code 2.
public struct ConfigurationError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
