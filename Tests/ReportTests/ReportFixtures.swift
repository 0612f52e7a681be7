import Foundation
@testable import Report

/// Hand-built report data for November 2026, with numbers chosen so the expected text can be worked out on paper.
enum ReportFixtures {
    static let november = ReportMonth(year: 2026, month: 11)
    static let october = ReportMonth(year: 2026, month: 10)

    static func d(_ text: String) -> Decimal { Decimal(string: text)! }

    static func date(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)!
    }

    static func settings(currency: String = "USD") -> ReportSettings {
        ReportSettings(
            reportMonth: november, reportingCurrency: currency, reportingTimezone: "UTC",
            targetGrossMargin: d("0.5"), asOf: date("2026-12-03T08:00:00Z"),
            generatedAt: date("2026-12-03T09:00:00Z"))
    }

    static var kpis: MonthlyKPIs {
        MonthlyKPIs(
            month: november, complete: true, signups: 420, activeUsers: 12_345, payers: 1_234, activePayers: 1_100,
            activeFreeUsers: 11_245, newPayers: 150, reactivatedPayers: 12, churnedPayers: 90,
            revenue: d("45210.00"), cost: d("20110.50"), costPaid: d("8000.25"), costFree: d("12110.25"),
            grossMargin: d("0.5552"), arppu: d("36.636952998379254457050243111831442"),
            costPerActivePayer: d("7.27295454545454545454545454545454545455"),
            costPerActiveFreeUser: d("1.07694530902623388172521120498"), freeCostShare: d("0.6022"),
            paidShare: d("0.0989"), breakEvenPaidShare: d("0.1050"), idleRevenue: d("1200.00"),
            mrrEnd: d("41000.00"), payerRetention: d("0.925"), nrr: d("1.04"), grr: d("0.95"),
            feedbackRate: d("0.21"), satisfaction: d("0.8"), valueCreated: d("99000"), ltvGrossProfit: d("310.25"))
    }

    static var previousKpis: MonthlyKPIs {
        MonthlyKPIs(
            month: october, complete: true, signups: 400, activeUsers: 11_000, payers: 1_200, activePayers: 1_080,
            activeFreeUsers: 9_920, newPayers: 130, reactivatedPayers: 10, churnedPayers: 80,
            revenue: d("40250.00"), cost: d("15460.00"), costPaid: d("7000"), costFree: d("8460"),
            grossMargin: d("0.6159"), arppu: d("33.54"), freeCostShare: d("0.55"), paidShare: d("0.095"),
            breakEvenPaidShare: d("0.10"), mrrEnd: d("39000.00"), payerRetention: d("0.91"), nrr: d("1.02"),
            grr: d("0.94"))
    }

    static var loopStages: [LoopStage] {
        [
            // Given out of order on purpose: the report orders them acquire, use, feedback, retain.
            LoopStage(
                month: november, stage: "retain", rate: d("0.925"), previousRate: d("0.91"),
                trailingRate: d("0.92"), change: d("0.0054347826")),
            LoopStage(
                month: november, stage: "acquire", rate: d("0.041"), previousRate: d("0.045"),
                trailingRate: d("0.044"), change: d("-0.0681818182"), isBottleneck: true),
            LoopStage(
                month: november, stage: "use", rate: d("0.8914"), previousRate: d("0.90"),
                trailingRate: d("0.93"), change: d("-0.0415053763")),
            LoopStage(
                month: november, stage: "feedback", rate: d("0.21"), previousRate: d("0.19"),
                trailingRate: d("0.20"), change: d("0.05")),
            LoopStage(month: october, stage: "acquire", rate: d("0.5"), isBottleneck: true),
        ]
    }

    static var features: [FeatureEconomics] {
        [
            FeatureEconomics(
                month: november, feature: "chat", calls: 250_000, users: 9_000, payingUsers: 1_000, cost: d("6000"),
                costPaid: d("3000"), costFree: d("3000"), revenueByCost: d("30000"), revenueByCalls: d("28000"),
                revenueByUsers: d("25000"), coverage: d("5"), margin: d("24000"), status: "covered"),
            FeatureEconomics(
                month: november, feature: "image_gen", calls: 40_000, users: 3_000, payingUsers: 200,
                cost: d("9000.50"), costPaid: d("2000"), costFree: d("7000.50"), revenueByCost: d("5000"),
                revenueByCalls: d("3000"), revenueByUsers: d("4000"), coverage: d("0.5555246930725959669"),
                margin: d("-4000.50"), status: "uncovered", reason: "free users cause 78% of its cost",
                freeCapCalls: 12, freeCapSavings: d("6400.25"), freeCapAffectedUsers: 850),
            FeatureEconomics(
                month: november, feature: "summarize", calls: 80_000, users: 4_000, payingUsers: 600,
                cost: d("5110"), costPaid: d("3000"), costFree: d("2110"), revenueByCost: d("10210"),
                revenueByCalls: d("9000"), revenueByUsers: d("14000"), coverage: d("1.998"), margin: d("5100"),
                status: "below_target", reason: "earns 2.0x its cost by cost but 1.76x by calls; target 2x",
                freeCapCalls: 950, freeCapSavings: d("5.00"), freeCapAffectedUsers: 3),
            FeatureEconomics(month: october, feature: "old_feature", calls: 1, cost: d("1")),
        ]
    }

    static var plans: [PlanEconomics] {
        [
            PlanEconomics(
                month: november, plan: "free", payers: 0, activeUsers: 11_245, revenue: d("0"), cost: d("12110.25"),
                grossMargin: nil, arppu: nil, costPerUser: d("1.0769"), unprofitableUsers: 11_245),
            PlanEconomics(
                month: november, plan: "pro", payers: 900, activeUsers: 850, revenue: d("36000"), cost: d("7000"),
                grossMargin: d("0.8056"), arppu: d("40"), costPerUser: d("7.7778"), unprofitableUsers: 12),
            PlanEconomics(
                month: november, plan: "team", payers: 334, activeUsers: 250, revenue: d("9210"), cost: d("1000.25"),
                grossMargin: d("0.8914"), arppu: d("27.5749"), costPerUser: d("2.9947"), unprofitableUsers: 2),
        ]
    }

    /// First-payment retention by months since: 100%, 85%, 72%, 65%, then 60% flat.
    static let retentionCurve = ["1", "0.85", "0.72", "0.65"]

    /// 14 cohorts, 2025-10 to 2026-11 (the report shows the last 12), rows up to 2026-12 (as_of month, past the
    /// report month: ignored), and one signup cohort (ignored).
    static var cohorts: [CohortRetention] {
        var rows: [CohortRetention] = []
        let asOfMonth = ReportMonth(year: 2026, month: 12)
        for index in 0..<14 {
            let cohortMonth = ReportMonth(year: 2025, month: 10).adding(months: index)
            let size = 100 + index * 10
            var cumulativeRevenue = Decimal(0), cumulativeProfit = Decimal(0)
            for monthsSince in 0...asOfMonth.months(since: cohortMonth) {
                let retention = d(monthsSince < retentionCurve.count ? retentionCurve[monthsSince] : "0.6")
                let retained = Int(truncating: (retention * Decimal(size)) as NSDecimalNumber)
                let revenue = Decimal(retained) * 30, cost = Decimal(retained) * 5
                cumulativeRevenue += revenue
                cumulativeProfit += revenue - cost
                rows.append(
                    CohortRetention(
                        cohortMonth: cohortMonth, monthsSince: monthsSince, cohortSize: size, retainedUsers: retained,
                        retention: retention, revenue: revenue, cost: cost,
                        cumulativeRevenuePerUser: cumulativeRevenue / Decimal(size),
                        cumulativeGrossProfitPerUser: cumulativeProfit / Decimal(size),
                        complete: cohortMonth.adding(months: monthsSince) < asOfMonth))
            }
        }
        rows.append(
            CohortRetention(
                cohortKind: "signup", cohortMonth: november, monthsSince: 0, cohortSize: 999, retainedUsers: 1,
                retention: d("0.001")))
        return rows
    }

    /// 13 months 2025-11 to 2026-11 (the first is dropped) and one month after the report (ignored).
    static var mrrMovements: [MRRMovement] {
        var rows: [MRRMovement] = []
        var start = Decimal(20000)
        for index in 0..<14 {
            let month = ReportMonth(year: 2025, month: 11).adding(months: index)
            let new = Decimal(2000 + index * 100), reactivation = Decimal(100), expansion = Decimal(300)
            let contraction = Decimal(-150), churn = Decimal(-(800 + index * 20))
            let end = start + new + reactivation + expansion + contraction + churn
            rows.append(
                MRRMovement(
                    month: month, mrrStart: start, new: new, reactivation: reactivation, expansion: expansion,
                    contraction: contraction, churn: churn, mrrEnd: end))
            start = end
        }
        return rows
    }

    static var dataQuality: ReportDataQuality {
        ReportDataQuality(
            findings: [
                DataQualityFinding(
                    checkName: "invariants", severity: "info", detail: "all invariants hold", affectedRows: 0),
                DataQualityFinding(
                    checkName: "missing_prices", severity: "warning",
                    detail: "12 calls of model gpt-x have no price on their date", affectedRows: 12),
            ],
            ingest: IngestSummary(
                filesLoaded: 30, filesSkipped: 2, filesRejected: 1, filesFailed: 0, rowsRead: 1_250_000,
                rowsLoaded: 1_248_000, rowsDuplicate: 1_500, rowsQuarantined: 500,
                quarantinedByReason: [
                    .init(reason: "missing_field", rows: 200), .init(reason: "bad_timestamp", rows: 300),
                ],
                rejectedFiles: ["usage-2026-11-02.csv"]),
            restatedMonths: [ReportMonth(year: 2026, month: 9)],
            freshness: [
                EventFreshness(kind: "usage", newestEventAt: date("2026-12-03T07:59:00Z")),
                EventFreshness(kind: "payments", newestEventAt: date("2026-12-01T00:00:00Z")),
                EventFreshness(kind: "feedback", newestEventAt: date("2026-12-02T10:00:00Z")),
            ])
    }

    static func full(currency: String = "USD") -> ReportData {
        ReportData(
            settings: settings(currency: currency), kpis: kpis, previousKpis: previousKpis, loopStages: loopStages,
            features: features, plans: plans, cohorts: cohorts, mrrMovements: mrrMovements, dataQuality: dataQuality)
    }

    /// A first month with users but no payers, features, cohorts or MRR.
    static var empty: ReportData {
        ReportData(
            settings: settings(),
            kpis: MonthlyKPIs(
                month: november, signups: 3, activeUsers: 3, activeFreeUsers: 3, revenue: 0,
                cost: d("0.12"), costPaid: 0, costFree: d("0.12"), freeCostShare: 1, paidShare: 0))
    }
}
