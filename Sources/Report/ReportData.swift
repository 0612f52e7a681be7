import Foundation

/// Everything one monthly report shows, as plain values read from the `flywheel` schema (and the ingest
/// ledger for data quality). The renderer does no arithmetic beyond changes and display rounding: every metric
/// comes from SQL. Rows of other months than the ones described are ignored, so a loader may over-fetch.
public struct ReportData: Codable, Sendable, Equatable {
    /// Report month, currency, time zone, target margin, as_of, generation time.
    public var settings: ReportSettings
    /// `flywheel.monthly_kpis` row of the report month; nil when the month has no row.
    public var kpis: MonthlyKPIs?
    /// `flywheel.monthly_kpis` row of the month before; nil when absent.
    public var previousKpis: MonthlyKPIs?
    /// `flywheel.loop_stages` rows of the report month (up to four).
    public var loopStages: [LoopStage]
    /// `flywheel.feature_economics` rows of the report month.
    public var features: [FeatureEconomics]
    /// `flywheel.plan_economics` rows of the report month.
    public var plans: [PlanEconomics]
    /// `flywheel.cohort_retention` rows with `cohort_kind = 'first_payment'` (the last 12 cohorts up to the
    /// report month are shown).
    public var cohorts: [CohortRetention]
    /// `flywheel.mrr_movements` rows of the 12 months up to the report month.
    public var mrrMovements: [MRRMovement]
    /// Findings, ingest figures, restated months, freshness.
    public var dataQuality: ReportDataQuality

    public init(
        settings: ReportSettings, kpis: MonthlyKPIs? = nil, previousKpis: MonthlyKPIs? = nil,
        loopStages: [LoopStage] = [], features: [FeatureEconomics] = [], plans: [PlanEconomics] = [],
        cohorts: [CohortRetention] = [], mrrMovements: [MRRMovement] = [],
        dataQuality: ReportDataQuality = ReportDataQuality()
    ) {
        self.settings = settings
        self.kpis = kpis
        self.previousKpis = previousKpis
        self.loopStages = loopStages
        self.features = features
        self.plans = plans
        self.cohorts = cohorts
        self.mrrMovements = mrrMovements
        self.dataQuality = dataQuality
    }
}
