import FlywheelTestSupport
import Foundation
import Testing

extension FlywheelRunTests {
    /// `flywheel-run run`, the cron entry, as a black box: exit codes, the summary line, the report, the ledger.
    @Suite("flywheel-run run")
    struct RunCommandTests {
        /// sample-data/README.md: 17 data files, usage files that re-send the last rows of the month before
        /// (duplicates), months 2026-05..10, all complete, nothing quarantined.
        @Test func runLoadsTheInboxOnceAndWritesTheReport() throws {
            let workspace = try Workspace()
            defer { workspace.remove() }
            try workspace.fillInbox(from: GeneratedData.sampleData)
            let files = try inboxFileCount(workspace)
            #expect(files == 17)
            let usageRows = try usageRowCount(workspace.inbox)
            let usageIDs = try distinctFirstColumn(workspace.inbox, prefix: "usage").count
            #expect(usageRows > usageIDs)
            try TestDatabase.withDatabase { conninfo in
                let first = try workspace.run(workspace.runArguments(conninfo))
                #expect(first.status == 0, "\(first)")
                #expect(first.lastStdoutLine.hasPrefix("flywheel-run run: ok"), "\(first)")
                #expect(first.lastStdoutLine.contains("\(files) new file(s)"), "\(first)")
                #expect(first.lastStdoutLine.contains("0 quarantined"), "\(first)")
                let report = workspace.reports.appendingPathComponent("2026-10.md")
                #expect(first.lastStdoutLine.contains("report \(report.path)"), "\(first)")
                #expect(FileManager.default.fileExists(atPath: report.path))
                #expect(workspace.reportFiles() == ["2026-10.json", "2026-10.md", "latest.md"])

                let probe = try DatabaseProbe(conninfo)
                let count = { (sql: String) in try probe.count(sql) }
                #expect(try count("select count(*) from ingest.loads") == files)
                #expect(try count("select count(*) from ingest.loads where status = 'loaded'") == files)
                let stored = try count("select count(*) from events.usage")
                #expect(stored == usageIDs, "\(stored) usage rows stored, \(usageIDs) distinct event ids in the files")
                let duplicates = try count("select sum(rows_duplicate) from ingest.loads")
                #expect(duplicates == usageRows - usageIDs, "\(duplicates) duplicates")
                #expect(try count("select count(*) from ingest.runs where command = 'run' and exit_code = 0") == 1)
                let contents = try probe.contentFingerprints()

                let second = try workspace.run(workspace.runArguments(conninfo))
                #expect(second.status == 0, "\(second)")
                #expect(second.lastStdoutLine.hasPrefix("flywheel-run run: ok: 0 new file(s)"), "\(second)")
                #expect(try probe.count("select count(*) from ingest.loads") == files)
                #expect(try probe.contentFingerprints() == contents)
                #expect(try count("select count(*) from ingest.runs where command = 'run' and exit_code = 0") == 2)
            }
        }

        /// 2 bad rows of 20 (10% > 5%): the file is rejected whole, the run exits 3 and the report names it.
        @Test func aFileWithTooManyBadRowsIsRejectedAndTheRunExits3() throws {
            let workspace = try Workspace()
            defer { workspace.remove() }
            try workspace.fillInbox(from: try GeneratedData.folder())
            var lines = ["event_id,user_id,occurred_at,feature,model,input_tokens,output_tokens"]
            for index in 1...20 {
                let occurred = index == 7 ? "2026-13-02T10:00:00Z" : "2026-10-05T10:00:\(10 + index)Z"
                let input = index == 15 ? "12.5" : "\(100 + index)"
                lines.append("bb-ev-\(index),u-000001,\(occurred),chat,orion-small,\(input),50")
            }
            try workspace.write(lines.joined(separator: "\n") + "\n", to: "usage-badbatch.csv")
            try TestDatabase.withDatabase { conninfo in
                let result = try workspace.run(workspace.runArguments(conninfo))
                #expect(result.status == 3, "\(result)")
                #expect(
                    result.lastStdoutLine.hasPrefix("flywheel-run run: finished with data warnings (exit 3)"),
                    "\(result)")
                #expect(result.lastStdoutLine.contains("1 rejected/failed (usage-badbatch.csv)"), "\(result)")

                let probe = try DatabaseProbe(conninfo)
                let ledger = try probe.connection.query(
                    """
                    select status, rows_read, rows_quarantined from ingest.loads
                    where file_name = 'usage-badbatch.csv'
                    """)
                #expect(ledger.count == 1)
                #expect(ledger.first?["status"] == "rejected")
                #expect(ledger.first?["rows_read"] == "20")
                #expect(ledger.first?["rows_quarantined"] == "2")
                #expect(try probe.count("select count(*) from events.usage where event_id like 'bb-ev-%'") == 0)
                let reasons = try probe.connection.query(
                    """
                    select line_number, reason from ingest.quarantine
                    where file_name = 'usage-badbatch.csv' order by 1
                    """
                ).map { "\($0["line_number"] ?? "") \($0["reason"] ?? "")" }
                // Line 1 is the header: row 7 is line 8, row 15 line 16.
                #expect(reasons == ["8 bad_timestamp", "16 bad_number"])
                // The other files are loaded: only the bad one is held back.
                #expect(try probe.count("select count(*) from ingest.loads where status <> 'loaded'") == 1)

                let markdown = try String(
                    contentsOf: try #require(latestReport(workspace), "no report written: \(result)"), encoding: .utf8)
                let dataQuality = try #require(markdown.components(separatedBy: "## 7. Data quality").last)
                #expect(dataQuality.contains("Rejected: usage\\-badbatch\\.csv"), "\(dataQuality.prefix(1500))")

                // The file left in the inbox is not rejected (and its rows quarantined) again every night.
                let again = try workspace.run(workspace.runArguments(conninfo))
                #expect(again.status != 1 && again.status != 2, "\(again)")
                #expect(again.lastStdoutLine.contains("0 new file(s)"), "\(again)")
                let ledgerRows = "select count(*) from ingest.loads where file_name = 'usage-badbatch.csv'"
                #expect(try probe.count(ledgerRows) == 1)
                #expect(try probe.count("select count(*) from ingest.quarantine") == 2)
            }
        }

        /// Two runs at once on the same database: one works, the other exits 4 at once saying since when the lock is
        /// held.
        @Test func aSecondRunStartedMeanwhileExits4AndTheDataIsLoadedOnce() throws {
            let workspace = try Workspace()
            defer { workspace.remove() }
            let folder = try GeneratedData.folder(usageRows: 30_000)
            try workspace.fillInbox(from: folder)
            let fileCount = try inboxFileCount(workspace)
            let usageIDs = try distinctFirstColumn(workspace.inbox, prefix: "usage")
            try #require(usageIDs.count > 20_000)
            try TestDatabase.withDatabase { conninfo in
                let started = Date()
                let one = try workspace.start(workspace.runArguments(conninfo))
                let two = try workspace.start(workspace.runArguments(conninfo))
                let results = [one.wait(timeout: 120), two.wait(timeout: 120)]
                #expect(results.map(\.status).sorted() == [0, 4], "\(results[0])\n\(results[1])")
                let locked = try #require(results.first { $0.status == 4 })
                let winner = try #require(results.first { $0.status == 0 })
                #expect(locked.seconds < winner.seconds)
                #expect(
                    locked.stderr.contains("another flywheel-run holds the lock (its session started at "), "\(locked)")
                // The summary line (what cron mails) gives the reason too, not a generic failure.
                #expect(locked.lastStdoutLine.hasPrefix("flywheel-run run:"), "\(locked)")
                #expect(locked.lastStdoutLine.contains("lock"), "summary line: \(locked.lastStdoutLine)")
                // The holder's start is named to the second, in UTC, and is the one just started.
                let stamp = try #require(
                    locked.stderr.firstMatch(of: /started at (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) UTC/)?.1, "\(locked)")
                let formatter = DateFormatter()
                formatter.locale = Locale(identifier: "en_US_POSIX")
                formatter.timeZone = TimeZone(identifier: "UTC")
                formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
                let holderStart = try #require(formatter.date(from: String(stamp)))
                #expect(abs(holderStart.timeIntervalSince(started)) < 30)

                let probe = try DatabaseProbe(conninfo)
                #expect(try probe.count("select count(*) from ingest.loads") == fileCount)
                #expect(try probe.count("select count(*) from ingest.loads where status = 'loaded'") == fileCount)
                #expect(try probe.count("select count(*) from events.usage") == usageIDs.count)
                #expect(try probe.count("select count(*) from ingest.runs where command = 'run'") == 1)
            }
        }

        /// A symlink in the inbox that leads outside it is refused before anything is read.
        @Test func aSymlinkLeadingOutsideTheInboxIsRefused() throws {
            let workspace = try Workspace()
            defer { workspace.remove() }
            let folder = try GeneratedData.folder()
            try workspace.fillInbox(from: folder)
            let outside = workspace.root.appendingPathComponent("elsewhere")
            try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
            try workspace.write("user_id,signed_up_at\nu-999999,2026-01-01\n", to: "users-secret.csv", in: outside)
            let link = workspace.inbox.appendingPathComponent("users-extra.csv")
            try FileManager.default.createSymbolicLink(
                at: link, withDestinationURL: outside.appendingPathComponent("users-secret.csv"))
            try TestDatabase.withDatabase { conninfo in
                let result = try workspace.run(workspace.runArguments(conninfo))
                #expect(result.status == 2, "\(result)")
                #expect(result.stderr.contains(link.path), "\(result)")
                #expect(result.stderr.contains("outside the inbox"), "\(result)")
                let probe = try DatabaseProbe(conninfo)
                if try probe.exists("ingest.loads") {
                    #expect(try probe.count("select count(*) from ingest.loads") == 0)
                    #expect(try probe.count("select count(*) from events.users") == 0)
                }
            }
        }

        /// Files being written (dot files, `..x`, `.tmp`, `.part`, `.partial`) are never read, whatever they hold.
        @Test func filesStillBeingWrittenAreIgnored() throws {
            let workspace = try Workspace()
            defer { workspace.remove() }
            let folder = try GeneratedData.folder()
            try workspace.fillInbox(from: folder)
            let expected = try inboxFileNames(workspace)
            let garbage = "event_id,user_id\nthis is not,a usage file\n"
            for name in [
                ".usage-hidden.csv", "..usage-dots.csv", "usage-9.csv.tmp", "usage-9.csv.part",
                "usage-9.csv.partial", "..something",
            ] {
                try workspace.write(garbage, to: name)
            }
            try TestDatabase.withDatabase { conninfo in
                let result = try workspace.run(workspace.runArguments(conninfo))
                #expect(result.status == 0, "\(result)")
                let probe = try DatabaseProbe(conninfo)
                let loaded = try probe.connection.query("select file_name from ingest.loads order by file_name")
                    .compactMap { $0["file_name"] }
                #expect(loaded == expected)
                #expect(try probe.count("select count(*) from ingest.quarantine") == 0)
            }
        }
    }
}

func latestReport(_ workspace: Workspace) -> URL? {
    workspace.reportFiles().last { $0.hasSuffix(".md") && $0 != "latest.md" }
        .map { workspace.reports.appendingPathComponent($0) }
}

func inboxFileNames(_ workspace: Workspace) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: workspace.inbox.path)
        .filter { $0.hasSuffix(".csv") || $0.hasSuffix(".jsonl") || $0.hasSuffix(".ndjson") || $0.hasSuffix(".gz") }
        .sorted()
}

func inboxFileCount(_ workspace: Workspace) throws -> Int { try inboxFileNames(workspace).count }

/// Data rows (headers excluded) of the usage CSV files of `folder`.
func usageRowCount(_ folder: URL) throws -> Int {
    try FileManager.default.contentsOfDirectory(atPath: folder.path)
        .filter { $0.hasPrefix("usage") && $0.hasSuffix(".csv") }
        .map { try GeneratedData.csvRows(folder.appendingPathComponent($0)) }.reduce(0, +)
}

/// The distinct values of the first column over the CSV files of `folder` whose names start with `prefix`: the
/// events keys a correct load stores once each (computed here from the bytes, not by the product).
func distinctFirstColumn(_ folder: URL, prefix: String) throws -> Set<Substring> {
    var ids = Set<Substring>()
    for name in try FileManager.default.contentsOfDirectory(atPath: folder.path)
    where name.hasPrefix(prefix) && name.hasSuffix(".csv") {
        let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        for line in text.split(separator: "\n").dropFirst() {
            ids.insert(line.prefix { $0 != "," })
        }
    }
    return ids
}
