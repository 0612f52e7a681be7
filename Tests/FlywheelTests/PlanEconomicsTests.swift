import FlywheelTestSupport
import Testing

@Suite("Plan economics computed from hand-made events", .enabled(if: TestDatabase.isAvailable))
struct PlanEconomicsTests {
    /// Plans incl. free, refund-only rows and unprofitable users.
    /// From features-fixtures/plan_economics.sql: the expected values are worked out by hand in its comments.
    @Test func plansIncludingFreeRefundOnlyRowsAndUnprofitableUsers() throws {
        let failures = try FeatureComputeFixture.failures(
            events: #"""
                -- Fixture: plan_economics incl. the free plan, refunds-only rows and unprofitable users.
                -- settings: as_of=2026-01-31_12:00:00+00 timezone=UTC margin=0.5 currency=USD
                -- One-time charges (plan = plan of the latest charge of the month), usage carrying its cost.
                -- Dec 2025: F3 buys basic for 10 (no calls).
                -- Jan 2026: A1 pro 20, cost 5 | A2 pro 20, cost 25 (unprofitable) | A3 pro 20, no call (payer, not active)
                --   | A4 basic 5, cost 6 (unprofitable) | A5 basic 5 on Jan 2 then pro 20 on Jan 20 -> plan pro, revenue 25, cost 1
                --   | F1 free, cost 2 (unprofitable: 2 > 0) | F2 free, one call costing 0 (not unprofitable: 0 > 0 is false)
                --   | F3 partial refund 4 of its Dec charge -> plan free, revenue -4, cost 0 (unprofitable: 0 > -4).
                -- Jan pro: rows A1,A2,A3,A5 = 4, payers 4, active 3, revenue 20+20+20+25 = 85, cost 5+25+0+1 = 31,
                --   gross_margin (85-31)/85 = 54/85, arppu 85/4 = 21.25, cost_per_user 31/4 = 7.75, unprofitable 1 (A2).
                -- Jan basic: A4: 1, 1, 1, revenue 5, cost 6, margin (5-6)/5 = -0.2, arppu 5, cost_per_user 6, unprofitable 1.
                -- Jan free: F1,F2,F3 = 3 rows, payers 0, active 2, revenue -4, cost 2, margin NULL (revenue <= 0), arppu NULL,
                --   cost_per_user 2/3, unprofitable 2 (F1, F3).
                -- Dec basic: F3: 1, payers 1, active 0, revenue 10, cost 0, margin 1, arppu 10, cost_per_user 0, unprofitable 0.
                insert into events.payments (payment_id, user_id, occurred_at, kind, amount, currency, plan, interval, refund_of,
                    load_id, line_number) values
                    ('d1', 'F3', '2025-12-10 00:00:00+00', 'charge', 10, 'USD', 'basic', 'one_time', null, 1, 1),
                    ('j1', 'A1', '2026-01-03 00:00:00+00', 'charge', 20, 'USD', 'pro', 'one_time', null, 1, 2),
                    ('j2', 'A2', '2026-01-03 00:00:00+00', 'charge', 20, 'USD', 'pro', 'one_time', null, 1, 3),
                    ('j3', 'A3', '2026-01-03 00:00:00+00', 'charge', 20, 'USD', 'pro', 'one_time', null, 1, 4),
                    ('j4', 'A4', '2026-01-03 00:00:00+00', 'charge', 5, 'USD', 'basic', 'one_time', null, 1, 5),
                    ('j5', 'A5', '2026-01-02 00:00:00+00', 'charge', 5, 'USD', 'basic', 'one_time', null, 1, 6),
                    ('j6', 'A5', '2026-01-20 00:00:00+00', 'charge', 20, 'USD', 'pro', 'one_time', null, 1, 7),
                    ('j7', 'F3', '2026-01-15 00:00:00+00', 'refund', 4, 'USD', null, null, 'd1', 1, 8);
                insert into events.usage (event_id, user_id, occurred_at, feature, model, input_tokens, output_tokens, cost,
                    cost_currency, load_id, line_number) values
                    ('e1', 'A1', '2026-01-05 00:00:00+00', 'chat', 'm', 1, 1, 5, 'USD', 1, 1),
                    ('e2', 'A2', '2026-01-05 00:00:00+00', 'chat', 'm', 1, 1, 25, 'USD', 1, 2),
                    ('e3', 'A4', '2026-01-05 00:00:00+00', 'chat', 'm', 1, 1, 6, 'USD', 1, 3),
                    ('e4', 'A5', '2026-01-05 00:00:00+00', 'chat', 'm', 1, 1, 1, 'USD', 1, 4),
                    ('e5', 'F1', '2026-01-05 00:00:00+00', 'chat', 'm', 1, 1, 2, 'USD', 1, 5),
                    ('e6', 'F2', '2026-01-05 00:00:00+00', 'chat', 'm', 1, 1, 0, 'USD', 1, 6);
                """#,
            settings: .init(asOf: "2026-01-31 12:00:00+00"),
            check: #"""
                with expected (month, plan, payers, active_users, revenue, cost, gross_margin, arppu, cost_per_user,
                    unprofitable_users) as (values
                    (date '2026-01-01', 'pro', 4, 3, 85, 31, 54 / 85.0, 21.25, 7.75, 1),
                    (date '2026-01-01', 'basic', 1, 1, 5, 6, -0.2, 5, 6, 1),
                    (date '2026-01-01', 'free', 0, 2, -4, 2, null, null, 2 / 3.0, 2),
                    (date '2025-12-01', 'basic', 1, 0, 10, 0, 1, 10, 0, 0)
                )
                select 'FAIL plan_economics ' || coalesce(e.month, a.month) || ' ' || coalesce(e.plan, a.plan) || ': expected '
                    || case when e.plan is null then 'no row' else row(e.payers, e.active_users, e.revenue, e.cost, e.gross_margin,
                        e.arppu, e.cost_per_user, e.unprofitable_users)::text end
                    || ' got ' || case when a.plan is null then 'no row' else row(a.payers, a.active_users, a.revenue, a.cost,
                        a.gross_margin, a.arppu, a.cost_per_user, a.unprofitable_users)::text end
                from expected as e
                full join flywheel.plan_economics as a on a.month = e.month and a.plan = e.plan
                where e.plan is null or a.plan is null
                    or (e.payers, e.active_users, e.revenue, e.cost, e.arppu, e.unprofitable_users)
                        is distinct from (a.payers, a.active_users, a.revenue, a.cost, a.arppu, a.unprofitable_users)
                    or (e.gross_margin is null) <> (a.gross_margin is null) or abs(e.gross_margin - a.gross_margin) > 1e-15
                    or abs(e.cost_per_user - a.cost_per_user) > 1e-15
                union all
                select 'FAIL data_quality ' || check_name || ': ' || detail
                from flywheel.data_quality where severity <> 'info' and check_name like 'features%'
                """#)
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }
}
