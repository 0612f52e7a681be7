import Foundation

/// One headline number (SPEC 5.1) with its value last month.
struct HeadlineMetric: Sendable {
    enum Kind: Sendable { case money, count, ratio }

    /// The `monthly_kpis` column name, used as the JSON key.
    let key: String
    /// What a product manager calls it.
    let label: String
    let kind: Kind
    let current: Decimal?
    let previous: Decimal?

    var delta: Decimal? {
        guard let current, let previous else { return nil }
        return current - previous
    }

    /// current / previous - 1, nil when either is missing or previous is 0.
    var relativeChange: Decimal? {
        guard let current, let previous, previous != 0 else { return nil }
        return current / previous - 1
    }

    static func all(_ kpis: MonthlyKPIs?, _ previous: MonthlyKPIs?) -> [HeadlineMetric] {
        func money(_ key: String, _ label: String, _ path: KeyPath<MonthlyKPIs, Decimal?>) -> HeadlineMetric {
            HeadlineMetric(
                key: key, label: label, kind: .money, current: kpis?[keyPath: path],
                previous: previous?[keyPath: path])
        }
        func ratio(_ key: String, _ label: String, _ path: KeyPath<MonthlyKPIs, Decimal?>) -> HeadlineMetric {
            HeadlineMetric(
                key: key, label: label, kind: .ratio, current: kpis?[keyPath: path],
                previous: previous?[keyPath: path])
        }
        func count(_ key: String, _ label: String, _ path: KeyPath<MonthlyKPIs, Int>) -> HeadlineMetric {
            HeadlineMetric(
                key: key, label: label, kind: .count, current: kpis.map { Decimal($0[keyPath: path]) },
                previous: previous.map { Decimal($0[keyPath: path]) })
        }
        return [
            money("revenue", "Revenue", \.revenue),
            money("cost", "Inference cost", \.cost),
            ratio("gross_margin", "Gross margin", \.grossMargin),
            count("payers", "Paying users", \.payers),
            count("new_payers", "New paying users", \.newPayers),
            ratio("payer_retention", "Payer retention", \.payerRetention),
            ratio("nrr", "Net revenue retention (NRR)", \.nrr),
            ratio("free_cost_share", "Free users' share of inference cost", \.freeCostShare),
            ratio("paid_share", "Paid share of users", \.paidShare),
            ratio("break_even_paid_share", "Break-even paid share", \.breakEvenPaidShare),
        ]
    }
}
