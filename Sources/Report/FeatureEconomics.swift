import Foundation

/// One row of `flywheel.feature_economics` for the report month (SPEC 4, "Feature economics").
public struct FeatureEconomics: Codable, Sendable, Equatable {
    /// `month`
    public var month: ReportMonth
    /// `feature` (input data: always escaped when rendered).
    public var feature: String
    /// `calls`
    public var calls: Int
    /// `users`: users with a call of the feature.
    public var users: Int
    /// `paying_users`: payers with a call of the feature.
    public var payingUsers: Int
    /// `cost`: inference cost of the feature's calls.
    public var cost: Decimal?
    /// `cost_paid`: the part caused by payers.
    public var costPaid: Decimal?
    /// `cost_free`: the part caused by free users.
    public var costFree: Decimal?
    /// `revenue_by_cost`: payers' revenue attributed in proportion to their cost per feature.
    public var revenueByCost: Decimal?
    /// `revenue_by_calls`: attributed in proportion to calls.
    public var revenueByCalls: Decimal?
    /// `revenue_by_users`: equal shares of the features each payer used.
    public var revenueByUsers: Decimal?
    /// `coverage`: revenue_by_cost / cost.
    public var coverage: Decimal?
    /// `margin`: revenue_by_cost - cost.
    public var margin: Decimal?
    /// `status`: `uncovered`, `ambiguous`, `below_target` or `covered`.
    public var status: String
    /// `reason`: why, in words (computed text, escaped when rendered); nil or empty when covered.
    public var reason: String?
    /// `free_cap_calls`: the monthly free-use cap per free user that would close the gap; nil when none needed.
    public var freeCapCalls: Int?
    /// `free_cap_savings`: the cost the cap saves.
    public var freeCapSavings: Decimal?
    /// `free_cap_affected_users`: free users above the cap.
    public var freeCapAffectedUsers: Int?

    public init(
        month: ReportMonth, feature: String, calls: Int = 0, users: Int = 0, payingUsers: Int = 0,
        cost: Decimal? = nil, costPaid: Decimal? = nil, costFree: Decimal? = nil, revenueByCost: Decimal? = nil,
        revenueByCalls: Decimal? = nil, revenueByUsers: Decimal? = nil, coverage: Decimal? = nil,
        margin: Decimal? = nil, status: String = "covered", reason: String? = nil, freeCapCalls: Int? = nil,
        freeCapSavings: Decimal? = nil, freeCapAffectedUsers: Int? = nil
    ) {
        self.month = month
        self.feature = feature
        self.calls = calls
        self.users = users
        self.payingUsers = payingUsers
        self.cost = cost
        self.costPaid = costPaid
        self.costFree = costFree
        self.revenueByCost = revenueByCost
        self.revenueByCalls = revenueByCalls
        self.revenueByUsers = revenueByUsers
        self.coverage = coverage
        self.margin = margin
        self.status = status
        self.reason = reason
        self.freeCapCalls = freeCapCalls
        self.freeCapSavings = freeCapSavings
        self.freeCapAffectedUsers = freeCapAffectedUsers
    }
}
