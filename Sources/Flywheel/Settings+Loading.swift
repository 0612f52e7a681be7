import Foundation
import TOMLKit

extension Settings {
    /// Loads the configuration file: `explicitPath` (from `--config`), else `FLYWHEEL_CONFIG`, else `flywheel.toml` in
    /// the working directory when it exists. Paths in the file are relative to the file.
    public static func load(
        explicitPath: String?, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ConfigurationError) -> Settings {
        var settings = Settings()
        let path: String
        if let explicitPath {
            path = explicitPath
        } else if let fromEnvironment = environment["FLYWHEEL_CONFIG"], !fromEnvironment.isEmpty {
            path = fromEnvironment
        } else if FileManager.default.fileExists(atPath: "flywheel.toml") {
            path = "flywheel.toml"
        } else {
            return settings
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ConfigurationError("cannot read the configuration file \(path)")
        }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigurationError(
                "\(path):\(error.source.begin.line): \(error.description)")
        } catch {
            throw ConfigurationError("\(path): not valid TOML")
        }
        let base = URL(fileURLWithPath: path).deletingLastPathComponent()
        func resolved(_ value: String) -> String {
            value.hasPrefix("/") ? value : base.appendingPathComponent(value).standardizedFileURL.path
        }
        for key in table.keys {
            guard Settings.keys.contains(key) else {
                throw ConfigurationError(
                    "\(path): unknown key \(key) (known: \(Settings.keys.joined(separator: ", ")))")
            }
            let value = table[key]
            func string() throws(ConfigurationError) -> String {
                guard let string = value?.string else { throw ConfigurationError("\(path): \(key) must be a string") }
                return string
            }
            switch key {
            case "database_url": settings.databaseURL = try string()
            case "data_dir": settings.dataDir = resolved(try string())
            case "inbox": settings.inbox = resolved(try string())
            case "reports_dir": settings.reportsDir = resolved(try string())
            case "reporting_currency": settings.reportingCurrency = try string()
            case "reporting_timezone": settings.reportingTimezone = try string()
            case "input_timezone": settings.inputTimezone = try string()
            case "target_gross_margin":
                if let number = value?.double {
                    settings.targetGrossMargin = "\(number)"
                } else if let number = value?.int {
                    settings.targetGrossMargin = "\(number)"
                } else {
                    settings.targetGrossMargin = try string()
                }
            case "max_bad_row_fraction":
                if let number = value?.double {
                    settings.maxBadRowFraction = number
                } else if let number = value?.int {
                    settings.maxBadRowFraction = Double(number)
                } else {
                    throw ConfigurationError("\(path): max_bad_row_fraction must be a number")
                }
            default: break
            }
        }
        settings.configFile = path
        return settings
    }

    /// Where the database is: the configured URL, else `DATABASE_URL`, else libpq's `PG*` variables (`""`), else
    /// nil: the embedded cluster.
    public func databaseTarget(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> DatabaseTarget {
        if let databaseURL, !databaseURL.isEmpty { return .external(conninfo: databaseURL) }
        if let url = environment["DATABASE_URL"], !url.isEmpty { return .external(conninfo: url) }
        if ["PGHOST", "PGDATABASE", "PGSERVICE"].contains(where: { !(environment[$0] ?? "").isEmpty }) {
            return .external(conninfo: "")
        }
        return .embedded(directory: URL(fileURLWithPath: dataDir).appendingPathComponent("postgres").path)
    }
}

/// Which PostgreSQL a command uses.
public enum DatabaseTarget: Sendable, Equatable {
    case external(conninfo: String)
    case embedded(directory: String)
}
