import Foundation

/// One row of `flywheel.plan_economics` for the report month (SPEC 4, "Plan economics").
public struct PlanEconomics: Codable, Sendable, Equatable {
    /// `month`
    public var month: ReportMonth
    /// `plan` (input data, `free` for users without a charge; escaped when rendered).
    public var plan: String
    /// `payers`
    public var payers: Int
    /// `active_users`
    public var activeUsers: Int
    /// `revenue`
    public var revenue: Decimal?
    /// `cost`
    public var cost: Decimal?
    /// `gross_margin`
    public var grossMargin: Decimal?
    /// `arppu`
    public var arppu: Decimal?
    /// `cost_per_user`: cost / user-months on the plan.
    public var costPerUser: Decimal?
    /// `unprofitable_users`: users whose cost exceeds their revenue.
    public var unprofitableUsers: Int

    public init(
        month: ReportMonth, plan: String, payers: Int = 0, activeUsers: Int = 0, revenue: Decimal? = nil,
        cost: Decimal? = nil, grossMargin: Decimal? = nil, arppu: Decimal? = nil, costPerUser: Decimal? = nil,
        unprofitableUsers: Int = 0
    ) {
        self.month = month
        self.plan = plan
        self.payers = payers
        self.activeUsers = activeUsers
        self.revenue = revenue
        self.cost = cost
        self.grossMargin = grossMargin
        self.arppu = arppu
        self.costPerUser = costPerUser
        self.unprofitableUsers = unprofitableUsers
    }
}
