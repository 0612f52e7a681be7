import ArgumentParser
import Flywheel
import Foundation

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Recent runs, files, quarantine, data freshness, restated months, and whether a run is in progress.")

    @OptionGroup var options: GlobalOptions
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        try CommandRunner.run {
            let session = try DatabaseSession.open(try options.settings())
            defer { session.close() }
            try Migrator().migrate(session.connection)
            let report = try StatusReport.read(session.connection)
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                encoder.keyEncodingStrategy = .convertToSnakeCase
                print(String(decoding: try encoder.encode(report), as: UTF8.self))
            } else {
                print(report.text)
            }
            return .success
        }
    }
}
