import FlywheelTestSupport
import Foundation
import Postgres
import Testing

extension FlywheelRunTests {
    /// The exit codes of SPEC 6 for usage, configuration, file and connection errors.
    @Suite("flywheel-run exit codes")
    struct ExitCodeTests {
        @Test(arguments: [
            ["frobnicate"], ["run", "--no-such-option"], ["status", "--json", "extra"],
            ["ingest", "--kind"],
        ])
        func usageErrorsExit2(arguments: [String]) throws {
            let workspace = try Workspace()
            defer { workspace.remove() }
            let result = try workspace.run(arguments, timeout: 30)
            #expect(result.status == 2 && !result.signaled, "\(result)")
            #expect(!result.stderr.isEmpty, "\(result)")
        }

        @Test func aFileOfUnknownKindIsAUsageErrorNamingIt() throws {
            let workspace = try Workspace()
            defer { workspace.remove() }
            try workspace.write("user_id,signed_up_at\nu-1,2026-01-01\n", to: "users.csv")
            try workspace.write("a,b\n1,2\n", to: "mystery-2026.csv")
            try TestDatabase.withDatabase { conninfo in
                let result = try workspace.run(
                    [
                        "ingest", "--database-url", conninfo, workspace.inbox.appendingPathComponent("users.csv").path,
                        workspace.inbox.appendingPathComponent("mystery-2026.csv").path,
                    ])
                #expect(result.status == 2, "\(result)")
                #expect(result.stderr.contains("mystery-2026.csv"), "\(result)")
                #expect(result.stderr.contains("unknown kind"), "\(result)")
                // Kinds are checked before anything is loaded: users.csv is not loaded either.
                let probe = try DatabaseProbe(conninfo)
                if try probe.exists("ingest.loads") {
                    #expect(try probe.count("select count(*) from ingest.loads") == 0)
                }
            }
        }

        @Test func aConfigurationFileWithAnUnknownKeyExits2() throws {
            let workspace = try Workspace()
            defer { workspace.remove() }
            try workspace.write(
                "reports_dir = \"out\"\ncolour_scheme = \"blue\"\n", to: "flywheel.toml", in: workspace.root)
            let explicit = try workspace.run(
                ["status", "--config", workspace.root.appendingPathComponent("flywheel.toml").path], timeout: 30)
            #expect(explicit.status == 2, "\(explicit)")
            #expect(explicit.stderr.contains("colour_scheme"), "\(explicit)")
            // The same file found in the working directory.
            let implicit = try workspace.run(["migrate"], timeout: 30)
            #expect(implicit.status == 2, "\(implicit)")
            #expect(implicit.stderr.contains("colour_scheme"), "\(implicit)")
            // Nothing was started for it: no embedded cluster was created.
            #expect(!FileManager.default.fileExists(atPath: workspace.root.appendingPathComponent(".flywheel").path))
        }

        @Test func aFileMissingARequiredColumnIsRejectedWithExit3() throws {
            let workspace = try Workspace()
            defer { workspace.remove() }
            // No `model` column.
            try workspace.write(
                """
                event_id,user_id,occurred_at,feature,input_tokens,output_tokens
                ev-1,u-1,2026-10-01T10:00:00Z,chat,10,5
                ev-2,u-1,2026-10-01T11:00:00Z,chat,10,5

                """, to: "usage-nomodel.csv")
            try TestDatabase.withDatabase { conninfo in
                let result = try workspace.run(
                    [
                        "ingest", "--database-url", conninfo,
                        workspace.inbox.appendingPathComponent("usage-nomodel.csv").path,
                    ])
                #expect(result.status == 3, "\(result)")
                #expect(result.output.contains("usage-nomodel.csv: rejected"), "\(result)")
                #expect(result.output.contains("model"), "\(result)")
                let probe = try DatabaseProbe(conninfo)
                let rows = try probe.connection.query("select file_name, status, message from ingest.loads")
                #expect(rows.count == 1)
                #expect(rows.first?["file_name"] == "usage-nomodel.csv")
                #expect(rows.first?["status"] == "rejected")
                let message = rows.first?["message"] ?? ""
                #expect(message.contains("model"), "ledger message: \(message)")
                #expect(try probe.count("select count(*) from events.usage") == 0)
            }
        }

        /// A server that does not answer: exit 1 after the retries, quickly, saying so, and never echoing the password.
        @Test func anUnreachableDatabaseExits1WithinTheRetryBudget() throws {
            let workspace = try Workspace()
            defer { workspace.remove() }
            // Each attempt takes a few seconds of backoff: one command for the keyword form, two for the URL.
            let keywords = "host=127.0.0.1 port=1 user=x dbname=y connect_timeout=1"
            let url = "postgresql://u:s3cret-pw@127.0.0.1:1/db"
            for command in [
                ["status", "--database-url", keywords], workspace.runArguments(url),
                ["ingest", "--database-url", url, workspace.inbox.path],
            ] {
                let result = try workspace.run(command, timeout: 60)
                #expect(result.status == 1 && !result.signaled, "\(result)")
                #expect(result.seconds < 15, "\(result)")
                #expect(result.stderr.contains("cannot connect to the database"), "\(result)")
                #expect(!result.output.contains("s3cret-pw"), "\(result)")
            }
        }

        /// Missing prices and FX rates: compute completes, leaves those rows out of the sums, lists them in
        /// flywheel.data_quality, and exits 3.
        @Test func computeWithMissingPricesAndRatesExits3() throws {
            let workspace = try Workspace()
            defer { workspace.remove() }
            try workspace.write(
                "model,effective_from,input_per_mtok,output_per_mtok\npriced,2026-01-01,1,1\n", to: "model_prices.csv")
            try workspace.write(
                "event_id,user_id,occurred_at,feature,model,input_tokens,output_tokens\n"
                    + "e1,u1,2026-01-05T10:00:00Z,chat,priced,1000000,0\n"
                    + "e2,u1,2026-01-06T10:00:00Z,chat,unpriced-model,1000000,0\n", to: "usage.csv")
            try workspace.write(
                "payment_id,user_id,occurred_at,kind,amount,currency,plan,interval\n"
                    + "p1,u1,2026-01-05T10:00:00Z,charge,10,USD,pro,one_time\n"
                    + "p2,u1,2026-01-05T10:00:00Z,charge,10,CHF,pro,one_time\n", to: "payments.csv")
            try TestDatabase.withDatabase { conninfo in
                let ingest = try workspace.run(["ingest", "--database-url", conninfo, workspace.inbox.path])
                #expect(ingest.status == 0, "\(ingest)")
                let compute = try workspace.run(["compute", "--database-url", conninfo])
                #expect(compute.status == 3, "\(compute)")
                let probe = try DatabaseProbe(conninfo)
                // Only the priced call and the USD charge count: cost 1, revenue 10, both calls still counted.
                let row = try #require(
                    try probe.connection.query(
                        "select cost::numeric as cost, revenue::numeric as revenue, calls from flywheel.user_months"
                    ).first)
                #expect(try row.require(Decimal.self, "cost") == 1)
                #expect(try row.require(Decimal.self, "revenue") == 10)
                #expect(try row.require(Int.self, "calls") == 2)
                let checks = try probe.connection.query(
                    "select check_name from flywheel.data_quality where severity = 'warning' order by check_name"
                ).compactMap { $0["check_name"] }
                #expect(checks.contains("missing_prices"), "\(checks)")
                #expect(checks.contains("missing_fx_payments"), "\(checks)")
            }
        }

        /// Quarantined CSV lines come back as a file (the original header, then the lines) to fix and ingest again.
        @Test func quarantinedLinesExportAsAFileToFixAndIngestAgain() throws {
            let workspace = try Workspace()
            defer { workspace.remove() }
            let header = "event_id,user_id,occurred_at,feature,model,input_tokens,output_tokens"
            let good = (1...30).map { "e\($0),u1,2026-01-05T10:00:00Z,chat,m,1,1" }
            try workspace.write(
                ([header] + good + ["bad1,u1,2026-02-30T10:00:00Z,chat,m,1,1"]).joined(separator: "\n") + "\n",
                to: "usage-1.csv")
            try TestDatabase.withDatabase { conninfo in
                let ingest = try workspace.run(["ingest", "--database-url", conninfo, workspace.inbox.path])
                #expect(ingest.status == 3, "\(ingest)")
                let fixFile = workspace.root.appendingPathComponent("usage-1-fix.csv")
                let export = try workspace.run([
                    "quarantine", "export", "--database-url", conninfo, "--file", "usage-1.csv", "--raw", "--out",
                    fixFile.path,
                ])
                #expect(export.status == 0, "\(export)")
                let exported = try String(contentsOf: fixFile, encoding: .utf8)
                #expect(exported == header + "\nbad1,u1,2026-02-30T10:00:00Z,chat,m,1,1\n")
                try exported.replacingOccurrences(of: "02-30", with: "02-28").write(
                    to: fixFile, atomically: true, encoding: .utf8)
                let again = try workspace.run(["ingest", "--database-url", conninfo, fixFile.path])
                #expect(again.status == 0, "\(again)")
                let probe = try DatabaseProbe(conninfo)
                #expect(try probe.count("select count(*) from events.usage") == 31)
            }
        }
    }
}
