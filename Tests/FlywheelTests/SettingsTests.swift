import Foundation
import Testing

@testable import Flywheel

@Suite("Configuration")
struct SettingsTests {
    func withConfig(_ text: String, _ body: (String) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fw-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("flywheel.toml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        try body(path)
    }

    @Test func fileKeysAreReadAndPathsAreRelativeToTheFile() throws {
        try withConfig(
            """
            database_url = "postgresql://u@h/db"
            data_dir = "state"
            inbox = "/srv/inbox"
            reports_dir = "out/reports"
            reporting_currency = "EUR"
            reporting_timezone = "Europe/Paris"
            input_timezone = "America/New_York"
            target_gross_margin = 0.6
            max_bad_row_fraction = 0.1
            """
        ) { path in
            let settings = try Settings.load(explicitPath: path, environment: [:]).validated()
            let folder = (path as NSString).deletingLastPathComponent
            #expect(settings.databaseURL == "postgresql://u@h/db")
            #expect(settings.dataDir == folder + "/state")
            #expect(settings.inbox == "/srv/inbox")
            #expect(settings.reportsDir == folder + "/out/reports")
            #expect(settings.reportingCurrency == "EUR")
            #expect(settings.reportingTimezone == "Europe/Paris")
            #expect(settings.inputTimezone == "America/New_York")
            #expect(settings.targetGrossMargin == "0.6")
            #expect(settings.maxBadRowFraction == 0.1)
        }
    }

    @Test func unknownKeysAndBadValuesAreConfigurationErrors() throws {
        try withConfig("reporting_timezon = \"UTC\"\n") { path in
            let error = try #require(throws: ConfigurationError.self) {
                try Settings.load(explicitPath: path, environment: [:])
            }
            #expect(error.description.contains("unknown key reporting_timezon"))
        }
        try withConfig("reporting_currency = \"usd\"\n") { path in
            #expect(throws: ConfigurationError.self) {
                try Settings.load(explicitPath: path, environment: [:]).validated()
            }
        }
        try withConfig("reporting_timezone = \"Mars/Olympus\"\n") { path in
            #expect(throws: ConfigurationError.self) {
                try Settings.load(explicitPath: path, environment: [:]).validated()
            }
        }
        try withConfig("target_gross_margin = 1.5\n") { path in
            #expect(throws: ConfigurationError.self) {
                try Settings.load(explicitPath: path, environment: [:]).validated()
            }
        }
        try withConfig("this is = = not toml") { path in
            #expect(throws: ConfigurationError.self) { try Settings.load(explicitPath: path, environment: [:]) }
        }
        #expect(throws: ConfigurationError.self) { try Settings.load(explicitPath: "/nonexistent/flywheel.toml") }
    }

    @Test func theEnvironmentNamesTheConfigFile() throws {
        try withConfig("reporting_currency = \"GBP\"\n") { path in
            let settings = try Settings.load(explicitPath: nil, environment: ["FLYWHEEL_CONFIG": path])
            #expect(settings.reportingCurrency == "GBP")
        }
    }

    @Test func databaseTargetPrecedence() {
        var settings = Settings()
        settings.dataDir = "/var/lib/fw"
        #expect(settings.databaseTarget(environment: [:]) == .embedded(directory: "/var/lib/fw/postgres"))
        #expect(settings.databaseTarget(environment: ["PGHOST": "db"]) == .external(conninfo: ""))
        #expect(settings.databaseTarget(environment: ["PGSERVICE": "fw"]) == .external(conninfo: ""))
        #expect(
            settings.databaseTarget(environment: ["DATABASE_URL": "postgresql://a/b", "PGHOST": "db"])
                == .external(conninfo: "postgresql://a/b"))
        settings.databaseURL = "postgresql://c/d"
        #expect(
            settings.databaseTarget(environment: ["DATABASE_URL": "postgresql://a/b"])
                == .external(conninfo: "postgresql://c/d"))
    }
}
