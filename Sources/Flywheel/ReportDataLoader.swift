import Foundation
import Postgres
import Report

/// Reads what a monthly report shows from the `flywheel` schema (what an analyst can read) plus the ingest ledger
/// for the data-quality section.
public struct ReportDataLoader {
    public struct NoMonth: Error, CustomStringConvertible {
        public var description: String
    }

    let connection: Connection
    let settings: Settings

    public init(connection: Connection, settings: Settings) {
        self.connection = connection
        self.settings = settings
    }

    /// The report month: `requested` (YYYY-MM) or the latest complete month of `flywheel.monthly_kpis`.
    public func reportMonth(_ requested: String?) throws -> ReportMonth {
        if let requested {
            guard let month = ReportMonth(requested) else {
                throw ConfigurationError("--month must be YYYY-MM, got \(requested)")
            }
            let known = try connection.scalar(
                Bool.self, "select exists (select 1 from flywheel.monthly_kpis where month = $1::date)",
                [month.firstDay])
            guard known == true else {
                throw ConfigurationError(
                    "no computed data for \(requested): the computed months are those of flywheel.monthly_kpis (run compute first)"
                )
            }
            return month
        }
        let rows = try connection.query(
            "select to_char(month, 'YYYY-MM') as month, complete from flywheel.monthly_kpis")
        let months = try rows.compactMap { row -> (month: ReportMonth, complete: Bool)? in
            guard let month = ReportMonth(row["month"] ?? "") else { return nil }
            return (month, try row.require(Bool.self, "complete"))
        }
        guard let month = ReportMonth.latestComplete(months) else {
            throw NoMonth(
                description: "no complete month to report yet: ingest data and run compute first (or pass --month)")
        }
        return month
    }

    public func load(month: ReportMonth, generatedAt: Date = Date()) throws -> ReportData {
        let first = month.firstDay
        let asOf = try connection.scalar(Date.self, "select as_of from work.run_settings limit 1")
        let reportSettings = ReportSettings(
            reportMonth: month, reportingCurrency: settings.reportingCurrency,
            reportingTimezone: settings.reportingTimezone,
            targetGrossMargin: Decimal(string: settings.targetGrossMargin) ?? 0.5, asOf: asOf, generatedAt: generatedAt)
        let kpiRows = try connection.query(
            "select * from flywheel.monthly_kpis where month in ($1::date, ($1::date - interval '1 month')::date) order by month",
            [first])
        let kpis = try kpiRows.map(monthlyKPIs)
        let stages = try connection.query(
            """
            select * from flywheel.loop_stages where month = $1::date
            order by array_position(array['acquire', 'use', 'feedback', 'retain'], stage)
            """, [first]
        ).map {
            LoopStage(
                month: try reportMonth(of: $0), stage: $0["stage"] ?? "", rate: try $0.decode(Decimal.self, "rate"),
                previousRate: try $0.decode(Decimal.self, "previous_rate"),
                trailingRate: try $0.decode(Decimal.self, "trailing_rate"),
                change: try $0.decode(Decimal.self, "change"),
                isBottleneck: try $0.decode(Bool.self, "is_bottleneck") ?? false)
        }
        let features = try connection.query(
            "select * from flywheel.feature_economics where month = $1::date order by cost desc nulls last, feature",
            [first]
        ).map {
            FeatureEconomics(
                month: try reportMonth(of: $0), feature: $0["feature"] ?? "", calls: try int($0, "calls"),
                users: try int($0, "users"), payingUsers: try int($0, "paying_users"),
                cost: try $0.decode(Decimal.self, "cost"), costPaid: try $0.decode(Decimal.self, "cost_paid"),
                costFree: try $0.decode(Decimal.self, "cost_free"),
                revenueByCost: try $0.decode(Decimal.self, "revenue_by_cost"),
                revenueByCalls: try $0.decode(Decimal.self, "revenue_by_calls"),
                revenueByUsers: try $0.decode(Decimal.self, "revenue_by_users"),
                coverage: try $0.decode(Decimal.self, "coverage"), margin: try $0.decode(Decimal.self, "margin"),
                status: $0["status"] ?? "", reason: $0["reason"],
                freeCapCalls: try $0.decode(Int.self, "free_cap_calls"),
                freeCapSavings: try $0.decode(Decimal.self, "free_cap_savings"),
                freeCapAffectedUsers: try $0.decode(Int.self, "free_cap_affected_users"))
        }
        let plans = try connection.query(
            "select * from flywheel.plan_economics where month = $1::date order by revenue desc nulls last, plan",
            [first]
        ).map {
            PlanEconomics(
                month: try reportMonth(of: $0), plan: $0["plan"] ?? "", payers: try int($0, "payers"),
                activeUsers: try int($0, "active_users"), revenue: try $0.decode(Decimal.self, "revenue"),
                cost: try $0.decode(Decimal.self, "cost"), grossMargin: try $0.decode(Decimal.self, "gross_margin"),
                arppu: try $0.decode(Decimal.self, "arppu"), costPerUser: try $0.decode(Decimal.self, "cost_per_user"),
                unprofitableUsers: try int($0, "unprofitable_users"))
        }
        let cohorts = try connection.query(
            """
            select *, to_char(cohort_month, 'YYYY-MM') as cohort_ym from flywheel.cohort_retention
            where cohort_kind = 'first_payment' and cohort_month <= $1::date
              and cohort_month > ($1::date - interval '12 months')
              and (cohort_month + make_interval(months => months_since::int))::date <= $1::date
            order by cohort_month, months_since
            """, [first]
        ).map {
            CohortRetention(
                cohortKind: $0["cohort_kind"] ?? "", cohortMonth: ReportMonth($0["cohort_ym"] ?? "") ?? month,
                monthsSince: try int($0, "months_since"), cohortSize: try int($0, "cohort_size"),
                retainedUsers: try int($0, "retained_users"), retention: try $0.decode(Decimal.self, "retention"),
                revenue: try $0.decode(Decimal.self, "revenue"), cost: try $0.decode(Decimal.self, "cost"),
                cumulativeRevenuePerUser: try $0.decode(Decimal.self, "cumulative_revenue_per_user"),
                cumulativeGrossProfitPerUser: try $0.decode(Decimal.self, "cumulative_gross_profit_per_user"),
                complete: try $0.decode(Bool.self, "complete") ?? false)
        }
        let movements = try connection.query(
            """
            select * from flywheel.mrr_movements
            where month <= $1::date and month > ($1::date - interval '12 months') order by month
            """, [first]
        ).map {
            MRRMovement(
                month: try reportMonth(of: $0), mrrStart: try $0.decode(Decimal.self, "mrr_start"),
                new: try $0.decode(Decimal.self, "new"), reactivation: try $0.decode(Decimal.self, "reactivation"),
                expansion: try $0.decode(Decimal.self, "expansion"),
                contraction: try $0.decode(Decimal.self, "contraction"),
                churn: try $0.decode(Decimal.self, "churn"), mrrEnd: try $0.decode(Decimal.self, "mrr_end"))
        }
        return ReportData(
            settings: reportSettings, kpis: kpis.first { $0.month == month },
            previousKpis: kpis.first { $0.month == month.previous }, loopStages: stages, features: features,
            plans: plans, cohorts: cohorts, mrrMovements: movements, dataQuality: try dataQuality())
    }

    func dataQuality() throws -> ReportDataQuality {
        let findings = try connection.query(
            """
            select check_name, severity, detail, affected_rows from flywheel.data_quality
            order by case severity when 'error' then 0 when 'warning' then 1 else 2 end, check_name
            """
        ).map {
            DataQualityFinding(
                checkName: $0["check_name"] ?? "", severity: $0["severity"] ?? "", detail: $0["detail"] ?? "",
                affectedRows: try $0.decode(Int.self, "affected_rows"))
        }
        let totals = try connection.query(
            """
            select count(*) filter (where status = 'loaded') as loaded, count(*) filter (where status = 'skipped') as skipped,
                   count(*) filter (where status = 'rejected') as rejected, count(*) filter (where status = 'failed') as failed,
                   coalesce(sum(rows_read), 0) as rows_read, coalesce(sum(rows_loaded) filter (where status = 'loaded'), 0) as rows_loaded,
                   coalesce(sum(rows_duplicate), 0) as rows_duplicate, coalesce(sum(rows_quarantined), 0) as rows_quarantined
            from ingest.loads
            """
        ).first!
        let reasons = try connection.query(
            "select reason, count(*) as n from ingest.quarantine group by reason order by count(*) desc, reason"
        ).map { IngestSummary.ReasonCount(reason: $0["reason"] ?? "", rows: try int($0, "n")) }
        let unloaded = try connection.query(
            "select distinct status, file_name from ingest.loads where status in ('rejected', 'failed') order by file_name"
        )
        let rejected = unloaded.filter { $0["status"] == "rejected" }.compactMap { $0["file_name"] }
        let failed = unloaded.filter { $0["status"] == "failed" }.compactMap { $0["file_name"] }
        let ingest = IngestSummary(
            filesLoaded: try int(totals, "loaded"), filesSkipped: try int(totals, "skipped"),
            filesRejected: try int(totals, "rejected"), filesFailed: try int(totals, "failed"),
            rowsRead: try int(totals, "rows_read"), rowsLoaded: try int(totals, "rows_loaded"),
            rowsDuplicate: try int(totals, "rows_duplicate"), rowsQuarantined: try int(totals, "rows_quarantined"),
            quarantinedByReason: reasons, rejectedFiles: rejected, failedFiles: failed)
        let restated = findings.filter { $0.checkName == "restated_months" }.flatMap { finding in
            finding.detail.split(whereSeparator: { !($0.isNumber || $0 == "-") }).compactMap { ReportMonth(String($0)) }
        }
        var freshness: [EventFreshness] = []
        for (kind, table, column) in [
            ("usage", "events.usage", "occurred_at"), ("feedback", "events.feedback", "occurred_at"),
            ("payments", "events.payments", "occurred_at"), ("users", "events.users", "signed_up_at"),
        ] {
            let newest = try connection.scalar(Date.self, "select max(\(column)) from \(table)")
            freshness.append(EventFreshness(kind: kind, newestEventAt: newest))
        }
        return ReportDataQuality(findings: findings, ingest: ingest, restatedMonths: restated, freshness: freshness)
    }

    func monthlyKPIs(_ row: Row) throws -> MonthlyKPIs {
        func decimal(_ column: String) throws -> Decimal? { try row.decode(Decimal.self, column) }
        return MonthlyKPIs(
            month: try reportMonth(of: row), complete: try row.decode(Bool.self, "complete") ?? false,
            signups: try int(row, "signups"), activeUsers: try int(row, "active_users"), payers: try int(row, "payers"),
            activePayers: try int(row, "active_payers"), activeFreeUsers: try int(row, "active_free_users"),
            newPayers: try int(row, "new_payers"), reactivatedPayers: try int(row, "reactivated_payers"),
            churnedPayers: try int(row, "churned_payers"), revenue: try decimal("revenue"), cost: try decimal("cost"),
            costPaid: try decimal("cost_paid"), costFree: try decimal("cost_free"),
            grossMargin: try decimal("gross_margin"), arppu: try decimal("arppu"),
            costPerActivePayer: try decimal("cost_per_active_payer"),
            costPerActiveFreeUser: try decimal("cost_per_active_free_user"),
            freeCostShare: try decimal("free_cost_share"), paidShare: try decimal("paid_share"),
            breakEvenPaidShare: try decimal("break_even_paid_share"), idleRevenue: try decimal("idle_revenue"),
            mrrEnd: try decimal("mrr_end"), payerRetention: try decimal("payer_retention"), nrr: try decimal("nrr"),
            grr: try decimal("grr"), feedbackRate: try decimal("feedback_rate"),
            satisfaction: try decimal("satisfaction"), valueCreated: try decimal("value_created"),
            ltvGrossProfit: try decimal("ltv_gross_profit"))
    }

    func reportMonth(of row: Row) throws -> ReportMonth {
        guard let text = row["month"], let month = ReportMonth(String(text.prefix(7))) else {
            throw PostgresError(kind: .decoding, message: "month column is not a date")
        }
        return month
    }

    func int(_ row: Row, _ column: String) throws -> Int { try row.decode(Int.self, column) ?? 0 }
}
