import ArgumentParser
import Foundation
import SyntheticData

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate", abstract: "Write a realistic synthetic data set (deterministic for a seed).",
        discussion: """
            Writes users, usage (one CSV per month), feedback (JSON Lines per month), payments, model prices, FX \
            rates and features files in the input formats: heavy-tailed usage over ten features and several \
            models, about 5% payers on monthly and yearly plans and one-time credits, upgrades, cancellations, \
            reactivations, refunds and a second currency. The same options and seed give the same bytes.
            """)

    @Option(help: "Output folder (created if missing).") var out: String
    @Option(help: "Number of users.") var users = 1_000
    @Option(help: "Number of months.") var months = 6
    @Option(help: "Random seed.") var seed: UInt64 = 42
    @Option(help: "First month, YYYY-MM (default: so that the data ends with October 2026; no clock is read).")
    var startMonth: String?
    @Option(help: "Aim for about this many usage rows in total (default: users x months x 5).")
    var usageRows: Int?

    func run() throws {
        try CommandRunner.run {
            var start: YearMonth?
            if let startMonth {
                let parts = startMonth.split(separator: "-").compactMap { Int($0) }
                guard parts.count == 2, (1...12).contains(parts[1]) else {
                    throw CommandFailure(.usage, "--start-month must be YYYY-MM")
                }
                start = YearMonth(year: parts[0], month: parts[1])
            }
            let options = GeneratorOptions(
                users: users, months: months, seed: seed, startMonth: start, usageRows: usageRows)
            let summary: GeneratorSummary
            do {
                summary = try SyntheticDataGenerator(options: options).write(to: URL(fileURLWithPath: out))
            } catch GeneratorError.invalidOption(let message) {
                throw CommandFailure(.usage, message)
            }
            let rows = summary.files.map(\.rows).reduce(0, +)
            print(summary.text)
            print(
                "wrote \(summary.files.count) files (\(rows) rows, \(summary.users) users, \(summary.payers) payers) to \(out)"
            )
            return .success
        }
    }
}
