import Foundation

/// What the report shows, selected and ordered once so the Markdown and the JSON twin agree exactly.
struct ReportModel: Sendable {
    /// One cohort's row of the heat map: months 0...k up to the report month.
    struct Cohort: Sendable {
        let month: ReportMonth
        let size: Int
        /// Indexed by months since; nil where there is no row.
        let cells: [CohortRetention?]
        /// The latest row within the report window (realised LTV so far).
        var latest: CohortRetention? { cells.last { $0 != nil } ?? nil }
    }

    static let stageOrder = ["acquire", "use", "feedback", "retain"]
    static let statusOrder = ["uncovered", "ambiguous", "below_target", "covered"]
    static let cohortCount = 12
    static let mrrMonths = 12

    let data: ReportData
    let month: ReportMonth
    let format: ReportFormatter
    let timeZone: TimeZone
    let headline: [HeadlineMetric]
    let stages: [LoopStage]
    let bottleneck: LoopStage?
    let features: [FeatureEconomics]
    let plans: [PlanEconomics]
    let cohorts: [Cohort]
    let mrr: [MRRMovement]
    let findings: [DataQualityFinding]

    init(_ data: ReportData) {
        self.data = data
        let month = data.settings.reportMonth
        self.month = month
        format = ReportFormatter(currency: data.settings.reportingCurrency)
        timeZone = TimeZone(identifier: data.settings.reportingTimezone) ?? TimeZone(identifier: "UTC")!
        headline = HeadlineMetric.all(
            data.kpis?.month == month ? data.kpis : nil,
            data.previousKpis?.month == month.previous ? data.previousKpis : nil)

        let monthStages = data.loopStages.filter { $0.month == month }
        stages = monthStages.sorted {
            let left = Self.stageOrder.firstIndex(of: $0.stage) ?? Self.stageOrder.count
            let right = Self.stageOrder.firstIndex(of: $1.stage) ?? Self.stageOrder.count
            return left != right ? left < right : $0.stage < $1.stage
        }
        bottleneck = stages.first { $0.isBottleneck }

        // Flagged features first (worst status first), then the biggest loss, then by name.
        features = data.features.filter { $0.month == month }.sorted {
            let left = Self.statusOrder.firstIndex(of: $0.status) ?? Self.statusOrder.count
            let right = Self.statusOrder.firstIndex(of: $1.status) ?? Self.statusOrder.count
            if left != right { return left < right }
            let leftMargin = $0.margin ?? 0, rightMargin = $1.margin ?? 0
            if leftMargin != rightMargin { return leftMargin < rightMargin }
            return $0.feature < $1.feature
        }
        plans = data.plans.filter { $0.month == month }.sorted {
            let left = $0.revenue ?? 0, right = $1.revenue ?? 0
            return left != right ? left > right : $0.plan < $1.plan
        }

        let cohortRows = data.cohorts.filter { $0.cohortKind == "first_payment" && $0.cohortMonth <= month }
        let cohortMonths = Set(cohortRows.map(\.cohortMonth)).sorted().suffix(Self.cohortCount)
        cohorts = cohortMonths.map { cohortMonth in
            let width = month.months(since: cohortMonth) + 1
            var cells = [CohortRetention?](repeating: nil, count: width)
            for row in cohortRows where row.cohortMonth == cohortMonth && (0..<width).contains(row.monthsSince) {
                cells[row.monthsSince] = row
            }
            let size = cells.compactMap { $0?.cohortSize }.first ?? 0
            return Cohort(month: cohortMonth, size: size, cells: cells)
        }

        mrr = Array(
            data.mrrMovements.filter { $0.month <= month && $0.month > month.adding(months: -Self.mrrMonths) }
                .sorted { $0.month < $1.month })

        let severityOrder = ["error", "warning", "info"]
        findings = data.dataQuality.findings.sorted {
            let left = severityOrder.firstIndex(of: $0.severity) ?? severityOrder.count
            let right = severityOrder.firstIndex(of: $1.severity) ?? severityOrder.count
            return left != right ? left < right : ($0.checkName, $0.detail) < ($1.checkName, $1.detail)
        }
    }

    var kpis: MonthlyKPIs? { data.kpis?.month == month ? data.kpis : nil }
    var previousKpis: MonthlyKPIs? { data.previousKpis?.month == month.previous ? data.previousKpis : nil }

    /// True when no MRR row has a non-zero figure.
    var mrrIsEmpty: Bool {
        mrr.allSatisfy { row in
            [row.mrrStart, row.new, row.reactivation, row.expansion, row.contraction, row.churn, row.mrrEnd]
                .allSatisfy { ($0 ?? 0) == 0 }
        }
    }
}
