import ArgumentParser
import Flywheel
import Foundation

struct DBCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db", abstract: "Start, stop or inspect the embedded PostgreSQL cluster.",
        discussion: """
            The embedded cluster lives under <data_dir>/postgres and listens on a Unix socket there only. Other \
            commands start it on demand and stop it when they end; after `db start` it stays up until `db stop`. \
            As root it runs as the unprivileged `postgres` user.
            """,
        subcommands: [Start.self, Stop.self, Status.self])

    static func cluster(_ options: GlobalOptions) throws -> EmbeddedCluster {
        let settings = try options.settings()
        guard case .embedded(let directory) = settings.databaseTarget() else {
            throw CommandFailure(
                .usage,
                "a database is configured (database_url, DATABASE_URL or PG* variables): `db` manages only the embedded cluster"
            )
        }
        return EmbeddedCluster(directory: directory)
    }

    struct Start: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Start the embedded cluster (created on first use).")
        @OptionGroup var options: GlobalOptions
        func run() throws {
            try CommandRunner.run {
                let cluster = try DBCommand.cluster(options)
                try cluster.acquire(persistent: true)
                cluster.release()
                print("embedded PostgreSQL running: \(cluster.conninfo)")
                return .success
            }
        }
    }

    struct Stop: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop the embedded cluster.")
        @OptionGroup var options: GlobalOptions
        func run() throws {
            try CommandRunner.run {
                let cluster = try DBCommand.cluster(options)
                try cluster.stopNow()
                print("embedded PostgreSQL stopped")
                return .success
            }
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Say whether the embedded cluster is running.")
        @OptionGroup var options: GlobalOptions
        func run() throws {
            try CommandRunner.run {
                let cluster = try DBCommand.cluster(options)
                if try cluster.isRunning() {
                    print("running: \(cluster.conninfo)")
                } else {
                    print("stopped (\(cluster.directory.path))")
                }
                return .success
            }
        }
    }
}
