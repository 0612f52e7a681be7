import Foundation

/// One row of `flywheel.mrr_movements` (SPEC 4, "MRR"). The loader passes the 12 months up to the report month
/// (more are ignored). Identity: mrrStart + new + reactivation + expansion + contraction + churn = mrrEnd.
public struct MRRMovement: Codable, Sendable, Equatable {
    /// `month`
    public var month: ReportMonth
    /// `mrr_start`: MRR at the end of the month before.
    public var mrrStart: Decimal?
    /// `new`: MRR of users who never had MRR before.
    public var new: Decimal?
    /// `reactivation`: MRR of users who had MRR at an earlier month end.
    public var reactivation: Decimal?
    /// `expansion`: increases (>= 0).
    public var expansion: Decimal?
    /// `contraction`: decreases (<= 0).
    public var contraction: Decimal?
    /// `churn`: MRR lost to users whose MRR fell to 0 (<= 0).
    public var churn: Decimal?
    /// `mrr_end`
    public var mrrEnd: Decimal?

    public init(
        month: ReportMonth, mrrStart: Decimal? = nil, new: Decimal? = nil, reactivation: Decimal? = nil,
        expansion: Decimal? = nil, contraction: Decimal? = nil, churn: Decimal? = nil, mrrEnd: Decimal? = nil
    ) {
        self.month = month
        self.mrrStart = mrrStart
        self.new = new
        self.reactivation = reactivation
        self.expansion = expansion
        self.contraction = contraction
        self.churn = churn
        self.mrrEnd = mrrEnd
    }
}
