import Foundation

/// One row of `flywheel.monthly_kpis` (SPEC 3 and 4, "Monthly KPIs"). Field names are the spec's columns in
/// camelCase. Money is in the reporting currency; ratios are fractions (0.25 = 25%); nil is SQL NULL
/// (a ratio whose denominator is 0).
public struct MonthlyKPIs: Codable, Sendable, Equatable {
    /// `month`
    public var month: ReportMonth
    /// `complete`: `as_of` is on or after the first instant of the month's last day.
    public var complete: Bool
    /// `signups`: users whose signup month is this month.
    public var signups: Int
    /// `active_users`: users with at least one call.
    public var activeUsers: Int
    /// `payers`: users with recognised gross revenue > 0.
    public var payers: Int
    /// `active_payers`: payers with a call.
    public var activePayers: Int
    /// `active_free_users`: active users who are not payers.
    public var activeFreeUsers: Int
    /// `new_payers`: first paid month is this month.
    public var newPayers: Int
    /// `reactivated_payers`: payers now, not last month, paid before.
    public var reactivatedPayers: Int
    /// `churned_payers`: payers last month who are not payers now.
    public var churnedPayers: Int
    /// `revenue`: recognised charges minus refunds, all users.
    public var revenue: Decimal?
    /// `cost`: inference cost of all calls.
    public var cost: Decimal?
    /// `cost_paid`: inference cost of payers.
    public var costPaid: Decimal?
    /// `cost_free`: inference cost of everybody else.
    public var costFree: Decimal?
    /// `gross_margin`: (revenue - cost) / revenue.
    public var grossMargin: Decimal?
    /// `arppu`: revenue / payers.
    public var arppu: Decimal?
    /// `cost_per_active_payer`
    public var costPerActivePayer: Decimal?
    /// `cost_per_active_free_user`
    public var costPerActiveFreeUser: Decimal?
    /// `free_cost_share`: cost_free / cost.
    public var freeCostShare: Decimal?
    /// `paid_share`: payers / (active users + payers - active payers).
    public var paidShare: Decimal?
    /// `break_even_paid_share`: the paid share at which revenue covers everybody's inference cost.
    public var breakEvenPaidShare: Decimal?
    /// `idle_revenue`: revenue of payers with no call.
    public var idleRevenue: Decimal?
    /// `mrr_end`: MRR at the end of the month.
    public var mrrEnd: Decimal?
    /// `payer_retention`: share of last month's payers who pay this month.
    public var payerRetention: Decimal?
    /// `nrr`: net MRR retention.
    public var nrr: Decimal?
    /// `grr`: gross MRR retention.
    public var grr: Decimal?
    /// `feedback_rate`: active payers with feedback / active payers.
    public var feedbackRate: Decimal?
    /// `satisfaction`: feedback events rated 4 or 5 / feedback events.
    public var satisfaction: Decimal?
    /// `value_created`: calls times `value_per_call` over features that have one.
    public var valueCreated: Decimal?
    /// `ltv_gross_profit`: expected gross profit of a paying user after inference cost.
    public var ltvGrossProfit: Decimal?

    public init(
        month: ReportMonth, complete: Bool = true, signups: Int = 0, activeUsers: Int = 0, payers: Int = 0,
        activePayers: Int = 0, activeFreeUsers: Int = 0, newPayers: Int = 0, reactivatedPayers: Int = 0,
        churnedPayers: Int = 0, revenue: Decimal? = nil, cost: Decimal? = nil, costPaid: Decimal? = nil,
        costFree: Decimal? = nil, grossMargin: Decimal? = nil, arppu: Decimal? = nil,
        costPerActivePayer: Decimal? = nil, costPerActiveFreeUser: Decimal? = nil, freeCostShare: Decimal? = nil,
        paidShare: Decimal? = nil, breakEvenPaidShare: Decimal? = nil, idleRevenue: Decimal? = nil,
        mrrEnd: Decimal? = nil, payerRetention: Decimal? = nil, nrr: Decimal? = nil, grr: Decimal? = nil,
        feedbackRate: Decimal? = nil, satisfaction: Decimal? = nil, valueCreated: Decimal? = nil,
        ltvGrossProfit: Decimal? = nil
    ) {
        self.month = month
        self.complete = complete
        self.signups = signups
        self.activeUsers = activeUsers
        self.payers = payers
        self.activePayers = activePayers
        self.activeFreeUsers = activeFreeUsers
        self.newPayers = newPayers
        self.reactivatedPayers = reactivatedPayers
        self.churnedPayers = churnedPayers
        self.revenue = revenue
        self.cost = cost
        self.costPaid = costPaid
        self.costFree = costFree
        self.grossMargin = grossMargin
        self.arppu = arppu
        self.costPerActivePayer = costPerActivePayer
        self.costPerActiveFreeUser = costPerActiveFreeUser
        self.freeCostShare = freeCostShare
        self.paidShare = paidShare
        self.breakEvenPaidShare = breakEvenPaidShare
        self.idleRevenue = idleRevenue
        self.mrrEnd = mrrEnd
        self.payerRetention = payerRetention
        self.nrr = nrr
        self.grr = grr
        self.feedbackRate = feedbackRate
        self.satisfaction = satisfaction
        self.valueCreated = valueCreated
        self.ltvGrossProfit = ltvGrossProfit
    }
}
