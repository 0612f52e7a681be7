import Foundation

/// Writes a realistic, deterministic set of input files (SPEC §2) for a seed: users, features, model prices
/// (one mid-period price change), FX rates, payments, and per month a usage CSV and a feedback JSON Lines file.
/// The same options always give the same bytes: the generator has its own random numbers, reads no clock and
/// never depends on dictionary order.
public struct SyntheticDataGenerator: Sendable {
    public let options: GeneratorOptions

    public init(options: GeneratorOptions) {
        self.options = options
    }

    /// Writes every file into `directory` (created if missing; existing files of the same names are replaced).
    /// Each file is written as `<name>.part` and renamed when complete.
    public func write(to directory: URL) throws -> GeneratorSummary {
        try options.validate()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw GeneratorError.io(path: directory.path, message: "\(error)")
        }
        let population = Population(options: options)
        var files: [GeneratorSummary.File] = []
        files.append(try writeFeatures(to: directory))
        files.append(try writeModelPrices(to: directory, population: population))
        if let fx = try writeFxRates(to: directory, population: population) { files.append(fx) }
        files.append(try writeUsers(to: directory, population: population))
        files.append(try writePayments(to: directory, population: population))
        files.append(contentsOf: try writeMonths(to: directory, population: population))
        return GeneratorSummary(
            files: files, users: options.users, payers: population.profiles.filter(\.isPayer).count,
            firstMonth: options.startMonth, lastMonth: options.startMonth.adding(months: options.months - 1))
    }

    /// `u-000123`: at least six digits, more for very large populations.
    static func userIdWidth(users: Int) -> Int { max(6, String(users).count) }

    /// The date on which the price table changes: the first day of the middle month (the 15th with one month).
    static func priceChangeDay(population: Population) -> Int64 {
        let months = population.options.months
        if months >= 2 {
            return CivilTime.dayNumber(population.monthStarts[months / 2])
        }
        return CivilTime.dayNumber(population.rangeStart) + 14
    }

    /// `YYYY-MM` of month m, for file names.
    func monthLabel(_ m: Int) -> String { options.startMonth.adding(months: m).description }

    /// `YYYYMM` of month m, for event ids.
    func compactMonthLabel(_ m: Int) -> [UInt8] { Array(monthLabel(m).replacingOccurrences(of: "-", with: "").utf8) }
}
