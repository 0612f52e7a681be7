/// What a user can buy. Prices are in minor units per settlement currency (USD, EUR, GBP, JPY).
struct PlanSpec: Sendable {
    enum Interval: String, Sendable {
        case month, quarter, year
        case oneTime = "one_time"

        var months: Int {
            switch self {
            case .month: return 1
            case .quarter: return 3
            case .year: return 12
            case .oneTime: return 0
            }
        }
    }

    let name: String
    let interval: Interval
    /// Price in minor units by `CurrencySpec` index.
    let prices: [Int64]

    static let pro = PlanSpec(name: "pro", interval: .month, prices: [2_000, 1_900, 1_600, 3_000])
    static let team = PlanSpec(name: "team", interval: .month, prices: [6_000, 5_500, 4_800, 9_000])
    static let proAnnual = PlanSpec(name: "pro_annual", interval: .year, prices: [20_000, 18_500, 16_000, 30_000])
    static let proQuarterly = PlanSpec(name: "pro_quarterly", interval: .quarter, prices: [5_400, 5_100, 4_300, 8_100])
    /// One-time credit packs, small/medium/large.
    static let creditPacks: [PlanSpec] = [
        PlanSpec(name: "credits", interval: .oneTime, prices: [1_000, 900, 800, 1_500]),
        PlanSpec(name: "credits", interval: .oneTime, prices: [2_500, 2_300, 2_000, 3_800]),
        PlanSpec(name: "credits", interval: .oneTime, prices: [5_000, 4_600, 4_000, 7_500]),
    ]
}
