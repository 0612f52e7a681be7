import Foundation

/// One row of `flywheel.loop_stages` for the report month (SPEC 4, "Flywheel loop").
public struct LoopStage: Codable, Sendable, Equatable {
    /// `month`
    public var month: ReportMonth
    /// `stage`: `acquire`, `use`, `feedback` or `retain`.
    public var stage: String
    /// `rate`: the stage's conversion this month (fraction).
    public var rate: Decimal?
    /// `previous_rate`: the rate last month.
    public var previousRate: Decimal?
    /// `trailing_rate`: mean of the rates of the three months before.
    public var trailingRate: Decimal?
    /// `change`: rate / trailing_rate - 1.
    public var change: Decimal?
    /// `is_bottleneck`: the stage with the most negative change (at most one per month).
    public var isBottleneck: Bool

    public init(
        month: ReportMonth, stage: String, rate: Decimal? = nil, previousRate: Decimal? = nil,
        trailingRate: Decimal? = nil, change: Decimal? = nil, isBottleneck: Bool = false
    ) {
        self.month = month
        self.stage = stage
        self.rate = rate
        self.previousRate = previousRate
        self.trailingRate = trailingRate
        self.change = change
        self.isBottleneck = isBottleneck
    }
}
