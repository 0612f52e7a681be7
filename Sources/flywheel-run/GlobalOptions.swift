import ArgumentParser
import Flywheel
import Foundation

/// The configuration keys as options of every subcommand; each wins over the file.
struct GlobalOptions: ParsableArguments {
    @Option(help: "Configuration file (default: $FLYWHEEL_CONFIG, else ./flywheel.toml when present).")
    var config: String?
    @Option(help: "PostgreSQL URL or conninfo (default: DATABASE_URL, PG* variables, else the embedded cluster).")
    var databaseURL: String?
    @Option(help: "Folder of the embedded cluster and state (default .flywheel).")
    var dataDir: String?
    @Option(help: "Folder that `run` ingests new files from.")
    var inbox: String?
    @Option(help: "Folder the reports are written to (default reports).")
    var reportsDir: String?
    @Option(help: "Reporting currency, ISO 4217 (default USD).")
    var reportingCurrency: String?
    @Option(help: "Reporting time zone, IANA name (default UTC).")
    var reportingTimezone: String?
    @Option(help: "Time zone of input timestamps that carry no offset (default: such timestamps are invalid).")
    var inputTimezone: String?
    @Option(help: "Target gross margin in [0, 1) (default 0.5).")
    var targetGrossMargin: String?
    @Option(help: "Largest share of quarantined rows before a file is rejected (default 0.05).")
    var maxBadRowFraction: Double?

    /// The file's settings with these options applied, validated. Configuration errors exit 2.
    func settings() throws -> Settings {
        do {
            var settings = try Settings.load(explicitPath: config)
            if let databaseURL { settings.databaseURL = databaseURL }
            if let dataDir { settings.dataDir = dataDir }
            if let inbox { settings.inbox = inbox }
            if let reportsDir { settings.reportsDir = reportsDir }
            if let reportingCurrency { settings.reportingCurrency = reportingCurrency }
            if let reportingTimezone { settings.reportingTimezone = reportingTimezone }
            if let inputTimezone { settings.inputTimezone = inputTimezone }
            if let targetGrossMargin { settings.targetGrossMargin = targetGrossMargin }
            if let maxBadRowFraction { settings.maxBadRowFraction = maxBadRowFraction }
            return try settings.validated()
        } catch {
            throw CommandFailure(.usage, "configuration error: \(error.description)")
        }
    }
}

/// An error that ends the command with a message and an exit status.
struct CommandFailure: Error, CustomStringConvertible {
    var status: ExitStatus
    var description: String

    init(_ status: ExitStatus, _ description: String) {
        self.status = status
        self.description = description
    }
}
