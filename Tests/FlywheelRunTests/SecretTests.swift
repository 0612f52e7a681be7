import FlywheelTestSupport
import Foundation
import Postgres
import Testing

extension FlywheelRunTests {
    /// SPEC 6: secrets never appear in logs, errors, status output or reports.
    @Suite("flywheel-run keeps the password to itself")
    struct SecretTests {
        @Test func thePasswordOfTheConnectionStringAppearsNowhere() throws {
            let workspace = try Workspace()
            defer { workspace.remove() }
            let suffix = UUID().uuidString.prefix(8).lowercased()
            let password = "pw-\(suffix)-Zq7"
            let role = "fwcli_\(suffix)"
            let admin = try Connection(conninfo: try #require(TestDatabase.adminConninfo))
            // The test server trusts local connections, so the password is sent but not needed: what matters is that
            // the tool, holding it, never prints it.
            try admin.execute("create role \(role) login superuser password '\(password)'")
            defer { try? admin.execute("drop role if exists \(role)") }
            try workspace.fillInbox(from: try GeneratedData.folder())
            let fixtures = FlywheelRunBinary.packageRoot.appendingPathComponent("Tests/Fixtures/bad")
            let exports = workspace.root.appendingPathComponent("quarantine.csv")
            try TestDatabase.withDatabase { conninfo in
                let url = conninfo + " user=\(role) password=\(password)"
                let trace = ["FLYWHEEL_LOG_LEVEL": "trace"]
                let commands: [[String]] = [
                    workspace.runArguments(url),
                    ["status", "--database-url", url],
                    ["status", "--json", "--database-url", url],
                    ["ingest", "--database-url", url, fixtures.appendingPathComponent("usage-bad.csv").path],
                    ["ingest", "--database-url", url, workspace.root.appendingPathComponent("no-such-file.csv").path],
                    ["compute", "--database-url", url],
                    ["compute", "--as-of", "not a time", "--database-url", url],
                    ["report", "--database-url", url, "--out", workspace.reports.path],
                    ["report", "--month", "1999-13", "--database-url", url, "--out", workspace.reports.path],
                    ["quarantine", "list", "--database-url", url],
                    ["quarantine", "export", "--database-url", url, "--out", exports.path],
                    ["migrate", "--database-url", url],
                ]
                var statuses: [Int32] = []
                for command in commands {
                    let result = try workspace.run(command, environment: trace)
                    statuses.append(result.status)
                    #expect(!result.signaled, "\(result)")
                    #expect(!result.output.contains(password), "the password leaked: \(result)")
                }
                // The commands did work (a leak check over commands that all failed at once would prove little).
                #expect(Array(statuses[0...4]) == [0, 0, 0, 3, 2], "\(statuses)")
                #expect([0, 3].contains(statuses[5]) && statuses[6] == 2 && statuses[7] == 0, "\(statuses)")
                #expect(statuses[8] == 2 && Array(statuses[9...]) == [0, 0, 0], "\(statuses)")
                let written = workspace.reportFiles()
                #expect(written.contains("latest.md"))
                for name in written {
                    let text = try String(contentsOf: workspace.reports.appendingPathComponent(name), encoding: .utf8)
                    #expect(!text.contains(password), "the password is in \(name)")
                }
                #expect(!(try String(contentsOf: exports, encoding: .utf8)).contains(password))
                let probe = try DatabaseProbe(conninfo)
                let runs = "select count(*) from ingest.runs where strpos(summary, $1) > 0"
                #expect(try probe.count(runs, [password]) == 0)
                let loads = "select count(*) from ingest.loads where strpos(message, $1) > 0"
                #expect(try probe.count(loads, [password]) == 0)
            }
        }

        /// libpq quotes the whole URI when it cannot parse it ("end of string reached when looking for matching ]
        /// in IPv6 host address in URI: <uri>"), password included: that message must be scrubbed too. A connection
        /// string that cannot be parsed is a configuration error (exit 2), not an unreachable server to retry.
        @Test func aMalformedURLIsNotEchoedWithItsPassword() throws {
            let workspace = try Workspace()
            defer { workspace.remove() }
            for url in ["postgresql://u:s3cret-pw@[::1/db", "postgresql://u:s3cret-pw@[]/db"] {
                let result = try workspace.run(["status", "--database-url", url], timeout: 60)
                #expect(!result.output.contains("s3cret-pw"), "the password leaked: \(result)")
                #expect(result.status == 2, "\(result)")
            }
        }

        /// A failed connection quotes libpq's message, which must not carry the password either.
        @Test func aRefusedConnectionDoesNotEchoThePassword() throws {
            let workspace = try Workspace()
            defer { workspace.remove() }
            let admin = try #require(TestDatabase.adminConninfo)
            // A role that does not exist: the server answers with an error that libpq reports.
            let url = admin + " user=nobody_here_\(UUID().uuidString.prefix(6).lowercased()) password=pw-Secret-0042"
            let result = try workspace.run(["status", "--database-url", url], timeout: 60)
            #expect(result.status == 1, "\(result)")
            #expect(result.stderr.contains("cannot connect to the database"), "\(result)")
            #expect(!result.output.contains("pw-Secret-0042"), "\(result)")
        }
    }
}
