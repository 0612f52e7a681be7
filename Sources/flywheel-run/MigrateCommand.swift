import ArgumentParser
import Flywheel

struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Apply pending schema migrations and re-apply the views.")

    @OptionGroup var options: GlobalOptions

    func run() throws {
        try CommandRunner.run {
            let settings = try options.settings()
            let session = try DatabaseSession.open(settings)
            defer { session.close() }
            let applied = try Migrator().migrate(session.connection)
            print(
                applied.isEmpty
                    ? "schema up to date" : "applied \(applied.count) migration(s): \(applied.joined(separator: ", "))")
            return .success
        }
    }
}
