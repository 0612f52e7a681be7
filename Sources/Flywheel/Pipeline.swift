import Foundation
import Ingest
import Logging
import Postgres
import Report

/// The cron job's steps after migrate: ingest the given files, compute, write the report. Stops at a safe point
/// (between files and between steps) when `shouldStop` turns true.
public struct Pipeline {
    public struct Outcome: Sendable {
        public var files: [FileLoadResult] = []
        public var computeWarnings: [String] = []
        public var reportPath: String?
        public var reportNote: String?
        public var interrupted = false

        public var rowsRead: Int { files.map(\.rowsRead).reduce(0, +) }
        public var rowsQuarantined: Int { files.map(\.rowsQuarantined).reduce(0, +) }
        public var hasDataWarnings: Bool {
            !computeWarnings.isEmpty || files.contains { $0.status == .rejected || $0.rowsQuarantined > 0 }
        }
        public var hasFailures: Bool { interrupted || files.contains { $0.status == .failed } }
    }

    let session: DatabaseSession
    let settings: Settings
    let logger: Logger

    public init(session: DatabaseSession, settings: Settings, logger: Logger = Logger(label: "flywheel.run")) {
        self.session = session
        self.settings = settings
        self.logger = logger
    }

    public func run(files: [String], reportsDirectory: String, shouldStop: () -> Bool) throws -> Outcome {
        var outcome = Outcome()
        let ingestion = Ingestion(
            connection: session.connection, settings: settings, recordSkipped: false, logger: logger)
        for file in files {
            if shouldStop() {
                outcome.interrupted = true
                return outcome
            }
            outcome.files += try ingestion.load([file], kind: nil)
        }
        if shouldStop() {
            outcome.interrupted = true
            return outcome
        }
        let computed = try Computation(connection: session.connection, settings: settings).run(asOf: nil)
        outcome.computeWarnings = computed.warnings
        if shouldStop() {
            outcome.interrupted = true
            return outcome
        }
        let loader = ReportDataLoader(connection: session.connection, settings: settings)
        do {
            let month = try loader.reportMonth(nil)
            let data = try loader.load(month: month)
            let written = try ReportWriter().write(data, to: URL(fileURLWithPath: reportsDirectory))
            outcome.reportPath = written.markdownURL.path
        } catch let noMonth as ReportDataLoader.NoMonth {
            outcome.reportNote = noMonth.description
        }
        return outcome
    }
}
