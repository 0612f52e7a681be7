import FlywheelTestSupport
import Foundation
import Testing

extension FlywheelRunTests {
    /// SPEC 6 configuration: the file (`--config`, `FLYWHEEL_CONFIG`, `./flywheel.toml`), paths relative to it,
    /// options that win over it, `DATABASE_URL` only when nothing else names a database.
    @Suite("flywheel-run configuration")
    struct ConfigurationTests {
        @Test func theFileOptionsAndEnvironmentAreAppliedInOrder() throws {
            let workspace = try Workspace()
            defer { workspace.remove() }
            let folder = try GeneratedData.folder()
            let conf = workspace.root.appendingPathComponent("conf")
            let inbox = conf.appendingPathComponent("in")
            try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
                try FileManager.default.copyItem(
                    at: folder.appendingPathComponent(name), to: inbox.appendingPathComponent(name))
            }
            try TestDatabase.withDatabase { conninfo in
                let escaped = conninfo.replacingOccurrences(of: "\\", with: "\\\\")
                    .replacingOccurrences(of: "\"", with: "\\\"")
                try workspace.write(
                    """
                    database_url = "\(escaped)"
                    inbox = "in"
                    reports_dir = "out"
                    data_dir = "state"
                    max_bad_row_fraction = 0.05

                    """, to: "flywheel.toml", in: conf)
                let unreachable = ["DATABASE_URL": "host=127.0.0.1 port=1 dbname=nothing connect_timeout=1"]

                // Paths in the file are relative to the file, not to the working directory; the file's database
                // wins over DATABASE_URL.
                let first = try workspace.run(
                    ["run", "--config", "conf/flywheel.toml"], environment: unreachable)
                #expect(first.status == 0, "\(first)")
                let fromFile = conf.appendingPathComponent("out/latest.md")
                #expect(FileManager.default.fileExists(atPath: fromFile.path), "\(first)")
                #expect(!FileManager.default.fileExists(atPath: workspace.root.appendingPathComponent("out").path))

                // An option wins over the file.
                let other = workspace.root.appendingPathComponent("other")
                let report = try workspace.run(
                    ["report", "--config", "conf/flywheel.toml", "--reports-dir", other.path])
                #expect(report.status == 0, "\(report)")
                #expect(FileManager.default.fileExists(atPath: other.appendingPathComponent("latest.md").path))

                // FLYWHEEL_CONFIG names the file when --config does not.
                let status = try workspace.run(["status"], environment: ["FLYWHEEL_CONFIG": "conf/flywheel.toml"])
                #expect(status.status == 0 && status.stdout.contains("no run in progress"), "\(status)")

                // --database-url wins over the file's database_url.
                let overridden = try workspace.run(
                    [
                        "status", "--config", "conf/flywheel.toml", "--database-url",
                        "host=127.0.0.1 port=1 dbname=nothing connect_timeout=1",
                    ], timeout: 60)
                #expect(overridden.status == 1, "\(overridden)")

                // With no file and no option, DATABASE_URL is the database.
                let fromEnvironment = try workspace.run(["status"], environment: ["DATABASE_URL": conninfo])
                #expect(fromEnvironment.status == 0, "\(fromEnvironment)")
                #expect(fromEnvironment.stdout.contains("no run in progress"), "\(fromEnvironment)")
            }
        }

        @Test func anInvalidSettingIsAConfigurationError() throws {
            let workspace = try Workspace()
            defer { workspace.remove() }
            for arguments in [
                ["status", "--reporting-timezone", "Mars/Olympus_Mons"],
                ["status", "--reporting-currency", "usd"],
                ["status", "--max-bad-row-fraction", "1.5"],
                ["status", "--target-gross-margin", "lots"],
            ] {
                let result = try workspace.run(
                    arguments + ["--database-url", "host=127.0.0.1 port=1 dbname=x"], timeout: 30)
                #expect(result.status == 2, "\(result)")
                #expect(result.stderr.contains("configuration error"), "\(result)")
            }
        }
    }
}
