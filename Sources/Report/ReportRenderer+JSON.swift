import Foundation

extension ReportRenderer {
    /// The JSON twin: the same numbers as the Markdown, unrounded, with the spec's column names as keys, sorted
    /// keys and `schema_version`. Rows appear in the report's order.
    public func json(_ data: ReportData) throws -> Data {
        let model = ReportModel(data)
        let document = jsonDocument(model)
        guard let bytes = document.serialized().data(using: .utf8) else {
            throw ReportError.encoding("the JSON report is not valid UTF-8")
        }
        return bytes
    }

    func jsonDocument(_ model: ReportModel) -> JSONValue {
        let settings = model.data.settings
        let quality = model.data.dataQuality
        return .object([
            "schema_version": .int(Self.schemaVersion),
            "report_month": .string(model.month.description),
            "settings": .object([
                "reporting_currency": .string(settings.reportingCurrency),
                "reporting_timezone": .string(settings.reportingTimezone),
                "target_gross_margin": .decimal(settings.targetGrossMargin),
                "as_of": settings.asOf.map { .string(ReportFormatter.iso8601($0)) } ?? .null,
                "generated_at": .string(ReportFormatter.iso8601(settings.generatedAt)),
            ]),
            "headline": .array(
                model.headline.map { metric in
                    .object([
                        "metric": .string(metric.key),
                        "value": .decimal(metric.current),
                        "previous": .decimal(metric.previous),
                        "change": .decimal(metric.delta),
                        "relative_change": .decimal(metric.relativeChange),
                    ])
                }),
            "kpis": model.kpis.map(jsonKPIs) ?? .null,
            "previous_kpis": model.previousKpis.map(jsonKPIs) ?? .null,
            "loop": .object([
                "bottleneck": .text(model.bottleneck?.stage),
                "stages": .array(
                    model.stages.map { stage in
                        .object([
                            "month": .string(stage.month.firstDay),
                            "stage": .string(stage.stage),
                            "rate": .decimal(stage.rate),
                            "previous_rate": .decimal(stage.previousRate),
                            "trailing_rate": .decimal(stage.trailingRate),
                            "change": .decimal(stage.change),
                            "is_bottleneck": .bool(stage.isBottleneck),
                        ])
                    }),
            ]),
            "features": .array(model.features.map(jsonFeature)),
            "plans": .array(model.plans.map(jsonPlan)),
            "cohorts": .array(
                model.cohorts.map { cohort in
                    .object([
                        "cohort_kind": .string("first_payment"),
                        "cohort_month": .string(cohort.month.firstDay),
                        "cohort_size": .int(cohort.size),
                        "months": .array(cohort.cells.compactMap { $0 }.map(jsonCohortCell)),
                    ])
                }),
            "mrr_movements": .array(
                model.mrr.map { row in
                    .object([
                        "month": .string(row.month.firstDay),
                        "mrr_start": .decimal(row.mrrStart),
                        "new": .decimal(row.new),
                        "reactivation": .decimal(row.reactivation),
                        "expansion": .decimal(row.expansion),
                        "contraction": .decimal(row.contraction),
                        "churn": .decimal(row.churn),
                        "mrr_end": .decimal(row.mrrEnd),
                    ])
                }),
            "data_quality": .object([
                "findings": .array(
                    model.findings.map { finding in
                        .object([
                            "check_name": .string(finding.checkName),
                            "severity": .string(finding.severity),
                            "detail": .string(finding.detail),
                            "affected_rows": .int(finding.affectedRows),
                        ])
                    }),
                "ingest": jsonIngest(quality.ingest),
                "restated_months": .array(quality.restatedMonths.sorted().map { .string($0.firstDay) }),
                "freshness": .array(
                    quality.freshness.sorted { $0.kind < $1.kind }.map { item in
                        .object([
                            "kind": .string(item.kind),
                            "newest_event_at": item.newestEventAt.map { .string(ReportFormatter.iso8601($0)) } ?? .null,
                        ])
                    }),
            ]),
        ])
    }

    func jsonKPIs(_ row: MonthlyKPIs) -> JSONValue {
        .object([
            "month": .string(row.month.firstDay), "complete": .bool(row.complete), "signups": .int(row.signups),
            "active_users": .int(row.activeUsers), "payers": .int(row.payers),
            "active_payers": .int(row.activePayers), "active_free_users": .int(row.activeFreeUsers),
            "new_payers": .int(row.newPayers), "reactivated_payers": .int(row.reactivatedPayers),
            "churned_payers": .int(row.churnedPayers), "revenue": .decimal(row.revenue), "cost": .decimal(row.cost),
            "cost_paid": .decimal(row.costPaid), "cost_free": .decimal(row.costFree),
            "gross_margin": .decimal(row.grossMargin), "arppu": .decimal(row.arppu),
            "cost_per_active_payer": .decimal(row.costPerActivePayer),
            "cost_per_active_free_user": .decimal(row.costPerActiveFreeUser),
            "free_cost_share": .decimal(row.freeCostShare), "paid_share": .decimal(row.paidShare),
            "break_even_paid_share": .decimal(row.breakEvenPaidShare), "idle_revenue": .decimal(row.idleRevenue),
            "mrr_end": .decimal(row.mrrEnd), "payer_retention": .decimal(row.payerRetention),
            "nrr": .decimal(row.nrr), "grr": .decimal(row.grr), "feedback_rate": .decimal(row.feedbackRate),
            "satisfaction": .decimal(row.satisfaction), "value_created": .decimal(row.valueCreated),
            "ltv_gross_profit": .decimal(row.ltvGrossProfit),
        ])
    }

    func jsonFeature(_ row: FeatureEconomics) -> JSONValue {
        .object([
            "month": .string(row.month.firstDay), "feature": .string(row.feature), "calls": .int(row.calls),
            "users": .int(row.users), "paying_users": .int(row.payingUsers), "cost": .decimal(row.cost),
            "cost_paid": .decimal(row.costPaid), "cost_free": .decimal(row.costFree),
            "revenue_by_cost": .decimal(row.revenueByCost), "revenue_by_calls": .decimal(row.revenueByCalls),
            "revenue_by_users": .decimal(row.revenueByUsers), "coverage": .decimal(row.coverage),
            "margin": .decimal(row.margin), "status": .string(row.status), "reason": .text(row.reason),
            "free_cap_calls": .int(row.freeCapCalls), "free_cap_savings": .decimal(row.freeCapSavings),
            "free_cap_affected_users": .int(row.freeCapAffectedUsers),
        ])
    }

    func jsonPlan(_ row: PlanEconomics) -> JSONValue {
        .object([
            "month": .string(row.month.firstDay), "plan": .string(row.plan), "payers": .int(row.payers),
            "active_users": .int(row.activeUsers), "revenue": .decimal(row.revenue), "cost": .decimal(row.cost),
            "gross_margin": .decimal(row.grossMargin), "arppu": .decimal(row.arppu),
            "cost_per_user": .decimal(row.costPerUser), "unprofitable_users": .int(row.unprofitableUsers),
        ])
    }

    func jsonCohortCell(_ row: CohortRetention) -> JSONValue {
        .object([
            "months_since": .int(row.monthsSince), "retained_users": .int(row.retainedUsers),
            "retention": .decimal(row.retention), "revenue": .decimal(row.revenue), "cost": .decimal(row.cost),
            "cumulative_revenue_per_user": .decimal(row.cumulativeRevenuePerUser),
            "cumulative_gross_profit_per_user": .decimal(row.cumulativeGrossProfitPerUser),
            "complete": .bool(row.complete),
        ])
    }

    func jsonIngest(_ ingest: IngestSummary) -> JSONValue {
        .object([
            "files_loaded": .int(ingest.filesLoaded), "files_skipped": .int(ingest.filesSkipped),
            "files_rejected": .int(ingest.filesRejected), "files_failed": .int(ingest.filesFailed),
            "rows_read": .int(ingest.rowsRead), "rows_loaded": .int(ingest.rowsLoaded),
            "rows_duplicate": .int(ingest.rowsDuplicate), "rows_quarantined": .int(ingest.rowsQuarantined),
            "quarantined_by_reason": .array(
                ingest.quarantinedByReason.sorted { $0.reason < $1.reason }.map {
                    .object(["reason": .string($0.reason), "rows": .int($0.rows)])
                }),
            "rejected_files": .array(ingest.rejectedFiles.sorted().map { .string($0) }),
            "failed_files": .array(ingest.failedFiles.sorted().map { .string($0) }),
        ])
    }
}
