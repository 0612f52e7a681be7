import Foundation

/// One row of `flywheel.cohort_retention` (SPEC 4, "Cohorts"). The loader passes the `first_payment` rows (all
/// cohorts, or at least those of the 12 months up to the report month); the renderer picks the last 12 cohorts
/// up to the report month and ignores `signup` rows.
public struct CohortRetention: Codable, Sendable, Equatable {
    /// `cohort_kind`: `first_payment` or `signup`.
    public var cohortKind: String
    /// `cohort_month`
    public var cohortMonth: ReportMonth
    /// `months_since`: k, months after the cohort month.
    public var monthsSince: Int
    /// `cohort_size`
    public var cohortSize: Int
    /// `retained_users`: members who are payers (first_payment) or active (signup) in month k.
    public var retainedUsers: Int
    /// `retention`: retained_users / cohort_size.
    public var retention: Decimal?
    /// `revenue`: the members' revenue in month k.
    public var revenue: Decimal?
    /// `cost`: the members' inference cost in month k.
    public var cost: Decimal?
    /// `cumulative_revenue_per_user`: months 0..k, per member (realised LTV before inference cost).
    public var cumulativeRevenuePerUser: Decimal?
    /// `cumulative_gross_profit_per_user`: the same after inference cost.
    public var cumulativeGrossProfitPerUser: Decimal?
    /// `complete`: month k is complete.
    public var complete: Bool

    public init(
        cohortKind: String = "first_payment", cohortMonth: ReportMonth, monthsSince: Int, cohortSize: Int,
        retainedUsers: Int, retention: Decimal? = nil, revenue: Decimal? = nil, cost: Decimal? = nil,
        cumulativeRevenuePerUser: Decimal? = nil, cumulativeGrossProfitPerUser: Decimal? = nil,
        complete: Bool = true
    ) {
        self.cohortKind = cohortKind
        self.cohortMonth = cohortMonth
        self.monthsSince = monthsSince
        self.cohortSize = cohortSize
        self.retainedUsers = retainedUsers
        self.retention = retention
        self.revenue = revenue
        self.cost = cost
        self.cumulativeRevenuePerUser = cumulativeRevenuePerUser
        self.cumulativeGrossProfitPerUser = cumulativeGrossProfitPerUser
        self.complete = complete
    }
}
