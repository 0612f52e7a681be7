import FlywheelTestSupport
import Foundation
import Postgres
import Testing

extension FlywheelRunTests {
    /// A run that dies anywhere (SIGKILL, or its database session killed) leaves nothing half-written, and the next run
    /// ends with exactly what an undisturbed run gives.
    @Suite("flywheel-run after a crash")
    struct CrashRecoveryTests {
        /// Where the run is killed. The product has no test hooks: the test holds table locks from sessions of its
        /// own so the run stops at the wanted statement, sees it waiting there in `pg_stat_activity`, and kills it.
        enum KillPoint: String, CaseIterable, Sendable, CustomTestStringConvertible {
            /// A usage file's rows are being COPYed (its transaction is open).
            case midFile
            /// A file has committed and the next one has written nothing yet (held at its ledger insert).
            case betweenFiles
            /// Inside the compute transaction: steps 10-40 have run, step 41 waits for flywheel.user_months.
            case midCompute
            /// The compute has committed; the report is reading its data (held at its ingest.quarantine query).
            case midReport

            var testDescription: String { rawValue }

            /// Drives the run of `process` to this point and leaves it there; false if it ended first.
            func reach(_ probe: DatabaseProbe, _ process: ToolProcess) throws -> Bool {
                // A usage file's rows are being COPYed: straight into events.usage (new data, the direct path) or
                // into the staging table. Between two COPYs the session is idle in its transaction, inside the file.
                let copyingUsage = {
                    try probe.sessions().contains {
                        $0.state != "idle"
                            && ($0.query.hasPrefix("copy pg_temp.stage") || $0.query.hasPrefix("copy events.usage"))
                            && $0.query.contains("input_tokens")
                    }
                }
                switch self {
                case .midFile:
                    return try DatabaseProbe.poll(process, copyingUsage)
                case .betweenFiles:
                    guard try DatabaseProbe.poll(process, copyingUsage) else { return false }
                    // Granted when the file being loaded commits; the next file's ledger insert then waits.
                    try probe.hold("ingest.loads", mode: "exclusive")
                    return try DatabaseProbe.poll(process) {
                        try probe.runIsBlocked { $0.hasPrefix("insert into ingest.loads") }
                    }
                case .midCompute:
                    guard try DatabaseProbe.poll(process, copyingUsage) else { return false }
                    try probe.hold("flywheel.user_months")
                    return try DatabaseProbe.poll(process) {
                        try probe.runIsBlocked { $0.firstMatch(of: /^-- [0-9]{2}_[a-z_]+:/) != nil }
                    }
                case .midReport:
                    guard try KillPoint.midCompute.reach(probe, process) else { return false }
                    // Every file is in (the compute runs): the quarantine can be locked; then the compute may go on.
                    try probe.hold("ingest.quarantine", locker: 1)
                    try probe.release(locker: 0)
                    return try DatabaseProbe.poll(process) {
                        try probe.runIsBlocked { $0.contains("from ingest.quarantine") }
                    }
                }
            }
        }

        /// The large inbox of these tests: three usage files of about 10,000 rows each.
        static func inbox() throws -> URL { try GeneratedData.folder(usageRows: 30_000) }

        @Test(arguments: KillPoint.allCases)
        func aRunKilledIsCompletedByTheNextRun(at point: KillPoint) throws {
            let folder = try Self.inbox()
            let expected = try Baseline.of(folder)
            let workspace = try Workspace()
            defer { workspace.remove() }
            try workspace.fillInbox(from: folder)
            let files = try inboxFileCount(workspace)
            try TestDatabase.withDatabase { conninfo in
                let probe = try DatabaseProbe(conninfo)
                let process = try workspace.start(workspace.runArguments(conninfo))
                let reached = try point.reach(probe, process)
                process.send(SIGKILL)
                let killed = process.wait(timeout: 30)
                probe.releaseLocks()
                try #require(reached, "the run never reached \(point) before it ended: \(killed)")
                #expect(killed.signaled && killed.status == SIGKILL, "\(killed)")
                try probe.waitForNoFlywheelSessions()

                try expectNothingHalfWritten(probe)
                let ledger = try probe.ledger()
                let kpis = {
                    try probe.exists("flywheel.monthly_kpis")
                        ? probe.count("select count(*) from flywheel.monthly_kpis") : 0
                }
                switch point {
                case .midFile, .betweenFiles:
                    #expect(ledger.count < files, "\(ledger)")
                    #expect(!ledger.contains { $0.hasPrefix("users.csv") }, "\(ledger)")
                    if point == .betweenFiles {
                        #expect(ledger.contains { $0.hasPrefix("usage-") }, "\(ledger)")
                    }
                    #expect(try kpis() == 0)
                case .midCompute:
                    #expect(ledger == expected.ledger)
                    #expect(try kpis() == 0)
                case .midReport:
                    #expect(ledger == expected.ledger)
                    #expect(try kpis() > 0)
                }
                // Every point is before the report is written: nothing is in the folder, not even a temporary file.
                #expect(workspace.reportFiles().isEmpty, "\(workspace.reportFiles())")

                let rerun = try workspace.run(workspace.runArguments(conninfo))
                #expect(rerun.status == 0, "\(rerun)")
                #expect(try probe.ledger() == expected.ledger)
                #expect(try probe.contentFingerprints() == expected.fingerprints)
                #expect(try Baseline.maskedReport(workspace) == expected.report)
            }
        }

        /// `status` answers at once while a run works (it must not wait for the run's locks), says a run is in
        /// progress, and after the run was killed says none is and shows the killed run as unfinished.
        @Test func statusDuringAndAfterARunThatIsKilled() throws {
            let folder = try Self.inbox()
            let workspace = try Workspace()
            defer { workspace.remove() }
            try workspace.fillInbox(from: folder)
            try TestDatabase.withDatabase { conninfo in
                let probe = try DatabaseProbe(conninfo)
                let process = try workspace.start(workspace.runArguments(conninfo))
                let reached = try KillPoint.midCompute.reach(probe, process)
                let during = try workspace.run(["status", "--database-url", conninfo], timeout: 30)
                let json = try workspace.run(["status", "--json", "--database-url", conninfo], timeout: 30)
                process.send(SIGKILL)
                let killed = process.wait(timeout: 30)
                probe.releaseLocks()
                try #require(reached, "the run never reached the compute: \(killed)")
                #expect(during.status == 0 && during.seconds < 10, "\(during)")
                #expect(during.stdout.contains("a run is in progress"), "\(during)")
                #expect(json.status == 0 && json.stdout.contains("\"run_in_progress\" : true"), "\(json)")
                try probe.waitForNoFlywheelSessions()

                let after = try workspace.run(["status", "--database-url", conninfo], timeout: 30)
                #expect(after.status == 0, "\(after)")
                #expect(after.stdout.contains("no run in progress"), "\(after)")
                #expect(after.stdout.contains("interrupted"), "\(after)")
            }
        }

        /// SIGTERM (or SIGINT) mid-file: the file is finished, the run stops before the next one with exit 1 and says
        /// so; the next run completes it.
        @Test(arguments: [SIGTERM, SIGINT])
        func aRunAskedToStopEndsAtTheNextSafePoint(signal: Int32) throws {
            let folder = try Self.inbox()
            let expected = try Baseline.of(folder)
            let workspace = try Workspace()
            defer { workspace.remove() }
            try workspace.fillInbox(from: folder)
            let files = try inboxFileCount(workspace)
            try TestDatabase.withDatabase { conninfo in
                let probe = try DatabaseProbe(conninfo)
                let stopped = try Self.stopMidFile(workspace, probe, workspace.runArguments(conninfo), signal)
                #expect(stopped.lastStdoutLine.hasPrefix("flywheel-run run: stopped by signal (exit 1)"), "\(stopped)")
                try expectNothingHalfWritten(probe)
                // The file being loaded was finished, not abandoned: a usage file is in, the rest is not.
                let ledger = try probe.ledger()
                #expect(ledger.contains { $0.hasPrefix("usage-") }, "\(ledger)")
                #expect(ledger.count < files, "\(ledger)")
                #expect(workspace.reportFiles().isEmpty)

                let rerun = try workspace.run(workspace.runArguments(conninfo))
                #expect(rerun.status == 0, "\(rerun)")
                #expect(try probe.ledger() == expected.ledger)
                #expect(try probe.contentFingerprints() == expected.fingerprints)
            }
        }

        /// The run's database session is terminated (as by a server restart) while it loads a large usage file.
        @Test func aRunWhoseSessionIsTerminatedExits1AndTheNextRunLoadsEverythingOnce() throws {
            let folder = try Self.inbox()
            let workspace = try Workspace()
            defer { workspace.remove() }
            try workspace.fillInbox(from: folder)
            let files = try inboxFileNames(workspace)
            let usageIDs = try distinctFirstColumn(folder, prefix: "usage")
            try TestDatabase.withDatabase { conninfo in
                let probe = try DatabaseProbe(conninfo)
                let process = try workspace.start(workspace.runArguments(conninfo))
                let reached = try KillPoint.midFile.reach(probe, process)
                let backends = try probe.flywheelBackends()
                let terminated = try probe.terminateFlywheelBackends()
                let result = process.wait(timeout: 60)
                try #require(reached, "the run never loaded a usage file: \(result)")
                #expect(terminated == 1, "terminated \(backends), the probe is \(probe.connection.backendPID)")
                #expect(result.status == 1 && !result.signaled, "\(result)")
                #expect(result.stderr.contains("flywheel-run: error:"), "\(result)")
                #expect(result.lastStdoutLine.hasPrefix("flywheel-run run:"), "\(result)")
                try expectNothingHalfWritten(probe)

                let rerun = try workspace.run(workspace.runArguments(conninfo))
                #expect(rerun.status == 0, "\(rerun)")
                let loaded = try probe.connection.query(
                    "select file_name from ingest.loads where status = 'loaded' order by file_name"
                ).compactMap { $0["file_name"] }
                #expect(loaded == files)
                #expect(try probe.count("select count(*) from ingest.loads where status <> 'loaded'") == 0)
                #expect(try probe.count("select count(*) from events.usage") == usageIDs.count)
                #expect(try probe.count("select count(distinct event_id) from events.usage") == usageIDs.count)
            }
        }

        /// Starts `arguments`, waits until a usage file is being COPYed, sends `signal` and waits for the end, which
        /// must be exit 1 (a clean stop, not death by the signal).
        static func stopMidFile(
            _ workspace: Workspace, _ probe: DatabaseProbe, _ arguments: [String], _ signal: Int32
        ) throws -> ToolResult {
            let process = try workspace.start(arguments)
            let reached = try KillPoint.midFile.reach(probe, process)
            process.send(signal)
            let stopped = process.wait(timeout: 60)
            try #require(reached, "no usage file was ever loaded: \(stopped)")
            #expect(stopped.status == 1 && !stopped.signaled, "\(stopped)")
            return stopped
        }

        /// Fills `workspace`'s inbox with the large inbox and ingests it once, undisturbed, into a throwaway database:
        /// the arguments of that ingest (for a database) and the ledger and stored content it gives.
        static func ingestOnce(
            _ workspace: Workspace
        ) throws -> (arguments: (String) -> [String], expected: (ledger: [String], fingerprints: [String])) {
            try workspace.fillInbox(from: try inbox())
            let ingest = { (conninfo: String) in ["ingest", "--database-url", conninfo, workspace.inbox.path] }
            let expected = try TestDatabase.withDatabase { conninfo in
                let result = try workspace.run(ingest(conninfo))
                #expect(result.status == 0, "\(result)")
                let probe = try DatabaseProbe(conninfo)
                return (ledger: try probe.ledger(), fingerprints: try probe.contentFingerprints())
            }
            return (ingest, expected)
        }

        /// `ingest` asked to stop (SIGINT) while it COPYs a usage file: that file is finished, the rest are not read,
        /// it says so and exits 1; ingesting the folder again completes it.
        @Test func anIngestInterruptedFinishesItsFileAndStops() throws {
            let workspace = try Workspace()
            defer { workspace.remove() }
            let (ingest, expected) = try Self.ingestOnce(workspace)
            let files = try inboxFileCount(workspace)
            try TestDatabase.withDatabase { conninfo in
                let probe = try DatabaseProbe(conninfo)
                let stopped = try Self.stopMidFile(workspace, probe, ingest(conninfo), SIGINT)
                #expect(stopped.stdout.contains("stopped by signal after"), "\(stopped)")
                try expectNothingHalfWritten(probe)
                let ledger = try probe.ledger()
                #expect(ledger.contains { $0.hasPrefix("usage-") && $0.contains(" loaded ") }, "\(ledger)")
                #expect(ledger.count < files, "\(ledger)")

                let again = try workspace.run(ingest(conninfo))
                #expect(again.status == 0, "\(again)")
                #expect(try probe.ledger().filter { !$0.contains(" skipped ") } == expected.ledger)
                #expect(try probe.contentFingerprints() == expected.fingerprints)
            }
        }

        /// `ingest` killed while it COPYs a usage file; ingesting the same folder again stores what one ingest stores.
        @Test func anIngestKilledMidFileAndRepeatedStoresTheSameRows() throws {
            let workspace = try Workspace()
            defer { workspace.remove() }
            let (ingest, expected) = try Self.ingestOnce(workspace)
            try TestDatabase.withDatabase { conninfo in
                let probe = try DatabaseProbe(conninfo)
                let process = try workspace.start(ingest(conninfo))
                let reached = try KillPoint.midFile.reach(probe, process)
                process.send(SIGKILL)
                let killed = process.wait(timeout: 30)
                try #require(reached, "the ingest never loaded a usage file: \(killed)")
                try probe.waitForNoFlywheelSessions()
                try expectNothingHalfWritten(probe)
                let before = try probe.connection.query("select file_name from ingest.loads where status = 'loaded'")
                    .compactMap { $0["file_name"] }.sorted()
                #expect(before.count < expected.ledger.count)

                let again = try workspace.run(ingest(conninfo))
                #expect(again.status == 0, "\(again)")
                // `ingest` records the files it passes over as skipped (counts 0): those loaded before the kill.
                let ledger = try probe.ledger()
                #expect(ledger.filter { !$0.contains(" skipped ") } == expected.ledger)
                #expect(ledger.filter { $0.contains(" skipped ") } == before.map { "\($0) skipped 0/0/0/0" })
                #expect(try probe.contentFingerprints() == expected.fingerprints)
            }
        }
    }
}

/// Stored events are exactly what the committed ledger says was loaded, and no load is recorded as failed.
func expectNothingHalfWritten(
    _ probe: DatabaseProbe, sourceLocation: SourceLocation = #_sourceLocation
) throws {
    guard try probe.exists("ingest.loads") else { return }
    for kind in ["usage", "feedback", "payments"] {
        let stored = try probe.count("select count(*) from events.\(kind)")
        let ledger = try probe.count(
            "select coalesce(sum(rows_loaded), 0) from ingest.loads where kind = $1 and status = 'loaded'", [kind])
        #expect(
            stored == ledger, "events.\(kind): \(stored) rows, ledger says \(ledger)", sourceLocation: sourceLocation)
    }
    let failed = try probe.count("select count(*) from ingest.loads where status = 'failed'")
    #expect(failed == 0, sourceLocation: sourceLocation)
    let orphans = try probe.count(
        """
        select count(*) from ingest.quarantine q
        where not exists (select 1 from ingest.loads l where l.load_id = q.load_id)
        """)
    #expect(orphans == 0, sourceLocation: sourceLocation)
}

/// What an undisturbed `run` of an inbox leaves: ledger, table fingerprints and the report (without its
/// generation time). Made once per inbox and test process.
struct Baseline: Sendable {
    var ledger: [String]
    var fingerprints: [String]
    var report: String

    nonisolated(unsafe) private static var made: [String: Baseline] = [:]
    private static let lock = NSLock()

    static func of(_ folder: URL) throws -> Baseline {
        lock.lock()
        defer { lock.unlock() }
        if let baseline = made[folder.path] { return baseline }
        let workspace = try Workspace()
        defer { workspace.remove() }
        try workspace.fillInbox(from: folder)
        let baseline = try TestDatabase.withDatabase { conninfo in
            let result = try workspace.run(workspace.runArguments(conninfo))
            try #require(result.status == 0, "the undisturbed run failed: \(result)")
            let probe = try DatabaseProbe(conninfo)
            return Baseline(
                ledger: try probe.ledger(), fingerprints: try probe.contentFingerprints(),
                report: try maskedReport(workspace))
        }
        made[folder.path] = baseline
        return baseline
    }

    /// The month report without the lines that say when it was generated.
    static func maskedReport(_ workspace: Workspace) throws -> String {
        let url = try #require(latestReport(workspace), "no report in \(workspace.reportFiles())")
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.localizedCaseInsensitiveContains("generated") }.joined(separator: "\n")
    }
}
