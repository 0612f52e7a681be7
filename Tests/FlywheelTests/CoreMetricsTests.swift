import FlywheelTestSupport
import Testing

/// The core metrics (user_months, monthly_kpis, mrr_movements, loop_stages, data_quality) on hand-made events.
/// Each fixture's expected values are worked out by hand in `Tests/Fixtures/core-compute/<name>.check.sql`.
@Suite("Core metrics computed from hand-made events", .enabled(if: TestDatabase.isAvailable))
struct CoreMetricsTests {
    @Test(arguments: [
        "01_yearly_refunds_utc",
        "02_yearly_new_york_dst",
        "03_mrr_movements",
        "04_fx_and_cost_berlin",
        "05_payers_plans_break_even",
        "06_loop_stages",
        "07_restated_partial",
        "08_backdated_mrr",
        "09_edge_cases",
        "10_nothing_before_as_of",
    ])
    func fixture(_ name: String) throws {
        let failures = try CoreComputeFixture.failures(name)
        #expect(failures.isEmpty, "\(name):\n\(failures.joined(separator: "\n"))")
    }
}
