import Foundation
import Logging
import Postgres

/// Runs the compute steps of `sql/compute` in one transaction, so a reader of `flywheel` sees the old results or
/// the new, never half. Settings reach the SQL as transaction-local settings (`flywheel.as_of`, …) and the
/// session `TimeZone` is the reporting zone.
public struct Computation {
    public struct Outcome: Sendable {
        /// Findings of severity warning or error in `flywheel.data_quality` (exit 3 when non-empty).
        public var warnings: [String]
        public var asOf: String?
        public var seconds: Double
        /// Whether usage was added incrementally (only rows loaded since the previous compute were priced).
        public var incrementalUsage: Bool
        /// The first month whose per-user rows were rebuilt when the compute was month-incremental (earlier months
        /// kept from the previous compute), as `YYYY-MM-DD`; nil for a full compute.
        public var rebuiltFromMonth: String?
        /// Whether usage groups were moved into `work.user_feature_months_recent` (then vacuumed after the commit).
        public var movedUsageGroups: Bool = false
    }

    let connection: Connection
    let settings: Settings
    let logger: Logger

    public init(connection: Connection, settings: Settings, logger: Logger = Logger(label: "flywheel.compute")) {
        self.connection = connection
        self.settings = settings
        self.logger = logger
    }

    /// `asOf`: an explicit as-of instant (RFC 3339 or a date), or nil for the latest event.
    /// `full`: rebuild every intermediate from scratch instead of only what new loads changed.
    public func run(asOf: String?, full: Bool = false) throws -> Outcome {
        let started = Date()
        // Local buffers for the steps' temp tables (e.g. the rebuilt months' usage groups, tens of MB at 5M calls):
        // with the default 8 MB they are written out and read back by every later step. Only possible before the
        // session's first temp table; a session that already had one keeps its size.
        try connection.execute(
            """
            do $$
            begin
                perform set_config('temp_buffers', '256MB', false);
            exception when invalid_parameter_value then
                null;
            end
            $$
            """)
        var outcome = try connection.transaction {
            try connection.query(
                """
                select set_config('TimeZone', $1, true), set_config('flywheel.as_of', $2, true),
                       set_config('flywheel.reporting_currency', $3, true),
                       set_config('flywheel.target_gross_margin', $4, true),
                       set_config('flywheel.full_rebuild', $5, true)
                """,
                [
                    settings.reportingTimezone, asOf ?? "", settings.reportingCurrency, settings.targetGrossMargin,
                    full ? "on" : "off",
                ])
            if let asOf {
                // Checked here so a bad --as-of is a clear error, not a failure deep inside a step.
                do {
                    try connection.query("select $1::timestamptz", [asOf])
                } catch {
                    throw ConfigurationError("--as-of is not a valid timestamp or date: \(asOf)")
                }
            }
            for step in SQLCatalog.computeSteps {
                let stepStart = Date()
                try connection.execute(step.contents)
                logger.debug(
                    "compute step \(step.name) took \(String(format: "%.2f", Date().timeIntervalSince(stepStart))) s")
            }
            let findings = try connection.query(
                """
                select check_name, severity, detail from flywheel.data_quality
                where severity in ('warning', 'error') order by severity desc, check_name
                """)
            let incremental = try connection.scalar(Bool.self, "select incremental from pg_temp.usage_mode") ?? false
            let fromMonth = try connection.scalar(
                String.self, "select to_char(from_month, 'YYYY-MM-DD') from pg_temp.compute_mode")
            logger.debug("compute rebuilt per-user months from \(fromMonth ?? "the start (full compute)")")
            let asOfText = try connection.scalar(
                String.self, "select to_char(as_of, 'YYYY-MM-DD\"T\"HH24:MI:SS.USOF') from work.run_settings")
            let moved = try connection.scalar(Bool.self, "select moved_to_recent from pg_temp.usage_mode") ?? false
            return Outcome(
                warnings: findings.map { "\($0["severity"] ?? ""): \($0["check_name"] ?? ""): \($0["detail"] ?? "")" },
                asOf: asOfText, seconds: Date().timeIntervalSince(started), incrementalUsage: incremental,
                rebuiltFromMonth: fromMonth, movedUsageGroups: moved)
        }
        // The groups moved into work.user_feature_months_recent (first incremental compute after a full one, or late
        // rows for an earlier month) were written by the compute's own transaction: the next compute's first read
        // would set their hint bits, page by page. A vacuum does it now, and marks the pages all-visible.
        // The results are committed by then: a failed vacuum is only worth a warning, not a failed run.
        if outcome.movedUsageGroups {
            do {
                try connection.execute("vacuum work.user_feature_months_recent")
            } catch {
                logger.warning("vacuum of work.user_feature_months_recent after the compute failed: \(error)")
            }
            outcome.seconds = Date().timeIntervalSince(started)
        }
        return outcome
    }
}
