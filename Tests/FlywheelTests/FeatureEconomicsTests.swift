import FlywheelTestSupport
import Testing

@Suite("Feature economics computed from hand-made events", .enabled(if: TestDatabase.isAvailable))
struct FeatureEconomicsTests {
    /// Three attribution models, every status, reasons and simple caps.
    /// From features-fixtures/fe_attribution_status.sql: the expected values are worked out by hand in its comments.
    @Test func attributionModelsStatusesAndReasons() throws {
        let failures = try FeatureComputeFixture.failures(
            events: #"""
                -- Fixture: feature_economics attribution (three models), every status, reasons, simple free caps.
                -- settings: as_of=2026-01-31_12:00:00+00 timezone=UTC margin=0.5 currency=USD
                -- All money USD; one-time charges recognise their amount in the month of occurred_at; usage carries its cost.
                -- January 2026 (month under test). Target = 1 / (1 - 0.5) = 2.
                --  P1: charge 30. A: 1 call cost 6; B: 3 calls cost 0.5+0.5+1 = 2.   cost_u = 8, calls_u = 4, 2 features
                --      by cost: A 30*6/8 = 22.5, B 30*2/8 = 7.5; by calls: A 30*1/4 = 7.5, B 30*3/4 = 22.5; by users: 15, 15
                --  P2: charge 10. C: 2 calls cost 0.5+0.5 = 1; E: 2 calls cost 0.   cost_u = 1, calls_u = 4
                --      by cost: C 10, E 0; by calls: C 5, E 5; by users: C 5, E 5
                --  P3: charge 8. D: 1 call cost 0; E: 3 calls cost 0.  cost_u = 0 -> by-cost falls back to calls for the whole split
                --      by cost = by calls: D 8*1/4 = 2, E 8*3/4 = 6; by users: D 4, E 4
                --  P4: charge 100, no calls: idle payer, attributes nothing.
                --  P5: Dec charge 20 (payer in Dec); Jan charge 5 and partial refund 7 of the Dec charge -> Jan gross 5 (payer),
                --      net revenue -2. H: 1 call cost 1 -> H gets -2 in all three models.
                --  F1 (free): A: 2 calls cost 2+2 = 4; D: 1 call cost 5.
                --  F2 (free): B: 3 calls cost 1 each = 3; G: 2 calls cost 0.5 each = 1.
                -- Per feature (cost; by_cost, by_calls, by_users; status):
                --  A: cost 6+4 = 10; 22.5, 7.5, 15 -> 7.5 < 10 only by calls -> ambiguous. free share 4/10 = 40%.
                --     budget = max(0, 22.5*0.5 - 6) = 5.25 >= cost_free 4 -> no cap.
                --  B: cost 2+3 = 5; 7.5, 22.5, 15 -> all >= 5, 7.5 < 2*5 -> below_target. free 3/5 = 60%.
                --     budget = 7.5*0.5 - 2 = 1.75 < 3 -> cap: F2 3 calls, unit cost 3/3 = 1: min(3,q)*1 <= 1.75 -> q = 1;
                --     capped cost 1, savings 3 - 1 = 2, affected 1 (F2 has 3 > 1 calls).
                --  C: cost 1; 10, 5, 5 -> all >= 2 -> covered; reason NULL; no cap (cost_free 0).
                --  D: cost 0+5 = 5; 2, 2, 4 -> all < 5 -> uncovered; free 5/5 = 100%.
                --     budget = max(0, 2*0.5 - 0) = 1 < 5 -> cap: F1 1 call, unit 5/1 = 5: min(1,q)*5 <= 1 -> q = 0; savings 5; affected 1.
                --  E: cost 0 -> covered (whatever the revenue); 0+6 = 6, 5+6 = 11, 5+4 = 9; coverage NULL; margin 6.
                --  G: cost 1, only F2 -> 0, 0, 0 -> uncovered; budget 0 < 1 -> q = 0, savings 1, affected 1.
                --  H: cost 1; -2, -2, -2 -> uncovered; coverage -2; budget max(0, -1 - 1) = 0, cost_free 0 -> no cap.
                -- Checks: sum of each model over Jan = 22.5+7.5+10+2+6+0-2 = 7.5+22.5+5+2+11+0-2 = 15+15+5+4+9+0-2 = 46
                --         = net revenue of payers with a call: 30 + 10 + 8 - 2.
                insert into events.users (user_id, signed_up_at, load_id, line_number) values
                    ('P1', '2026-01-01 00:00:00+00', 1, 1), ('F1', '2026-01-02 00:00:00+00', 1, 2);
                insert into events.payments (payment_id, user_id, occurred_at, kind, amount, currency, plan, interval, refund_of,
                    load_id, line_number) values
                    ('c1', 'P1', '2026-01-05 10:00:00+00', 'charge', 30, 'USD', 'credits', 'one_time', null, 1, 1),
                    ('c2', 'P2', '2026-01-05 10:00:00+00', 'charge', 10, 'USD', 'credits', 'one_time', null, 1, 2),
                    ('c3', 'P3', '2026-01-05 10:00:00+00', 'charge', 8, 'USD', 'credits', 'one_time', null, 1, 3),
                    ('c4', 'P4', '2026-01-05 10:00:00+00', 'charge', 100, 'USD', 'credits', 'one_time', null, 1, 4),
                    ('c5', 'P5', '2025-12-10 10:00:00+00', 'charge', 20, 'USD', 'credits', 'one_time', null, 1, 5),
                    ('c6', 'P5', '2026-01-10 10:00:00+00', 'charge', 5, 'USD', 'credits', 'one_time', null, 1, 6),
                    ('r1', 'P5', '2026-01-11 10:00:00+00', 'refund', 7, 'USD', null, null, 'c5', 1, 7);
                insert into events.usage (event_id, user_id, occurred_at, feature, model, input_tokens, output_tokens, cost,
                    cost_currency, load_id, line_number)
                select 'u' || row_number() over (), u, t::timestamptz, f, 'm', 10, 10, c, 'USD', 1, row_number() over ()
                from (values
                    ('P1', '2026-01-06 00:00:00+00', 'A', 6),
                    ('P1', '2026-01-06 00:00:00+00', 'B', 0.5), ('P1', '2026-01-07 00:00:00+00', 'B', 0.5),
                    ('P1', '2026-01-08 00:00:00+00', 'B', 1),
                    ('P2', '2026-01-06 00:00:00+00', 'C', 0.5), ('P2', '2026-01-07 00:00:00+00', 'C', 0.5),
                    ('P2', '2026-01-06 00:00:00+00', 'E', 0), ('P2', '2026-01-07 00:00:00+00', 'E', 0),
                    ('P3', '2026-01-06 00:00:00+00', 'D', 0),
                    ('P3', '2026-01-06 00:00:00+00', 'E', 0), ('P3', '2026-01-07 00:00:00+00', 'E', 0),
                    ('P3', '2026-01-08 00:00:00+00', 'E', 0),
                    ('P5', '2026-01-12 00:00:00+00', 'H', 1),
                    ('F1', '2026-01-06 00:00:00+00', 'A', 2), ('F1', '2026-01-07 00:00:00+00', 'A', 2),
                    ('F1', '2026-01-08 00:00:00+00', 'D', 5),
                    ('F2', '2026-01-06 00:00:00+00', 'B', 1), ('F2', '2026-01-07 00:00:00+00', 'B', 1),
                    ('F2', '2026-01-08 00:00:00+00', 'B', 1),
                    ('F2', '2026-01-06 00:00:00+00', 'G', 0.5), ('F2', '2026-01-07 00:00:00+00', 'G', 0.5)
                ) as v(u, t, f, c);
                """#,
            settings: .init(asOf: "2026-01-31 12:00:00+00"),
            check: #"""
                with expected (feature, calls, users, paying_users, cost, cost_paid, cost_free, revenue_by_cost, revenue_by_calls,
                    revenue_by_users, coverage, margin, status, free_cap_calls, free_cap_savings, free_cap_affected_users) as (values
                    ('A', 3, 2, 1, 10, 6, 4, 22.5, 7.5, 15, 2.25, 12.5, 'ambiguous', null::bigint, null::numeric, null::bigint),
                    ('B', 6, 2, 1, 5, 2, 3, 7.5, 22.5, 15, 1.5, 2.5, 'below_target', 1, 2, 1),
                    ('C', 2, 1, 1, 1, 1, 0, 10, 5, 5, 10, 9, 'covered', null, null, null),
                    ('D', 2, 2, 1, 5, 0, 5, 2, 2, 4, 0.4, -3, 'uncovered', 0, 5, 1),
                    ('E', 5, 2, 2, 0, 0, 0, 6, 11, 9, null, 6, 'covered', null, null, null),
                    ('G', 2, 1, 0, 1, 0, 1, 0, 0, 0, 0, -1, 'uncovered', 0, 1, 1),
                    ('H', 1, 1, 1, 1, 1, 0, -2, -2, -2, -2, -3, 'uncovered', null, null, null)
                ),
                actual as (
                    select * from flywheel.feature_economics where month = date '2026-01-01'
                )
                select 'FAIL feature_economics ' || coalesce(e.feature, a.feature) || ': expected '
                    || case when e.feature is null then 'no row' else row(e.calls, e.users, e.paying_users, e.cost, e.cost_paid, e.cost_free, e.revenue_by_cost,
                        e.revenue_by_calls, e.revenue_by_users, e.coverage, e.margin, e.status, e.free_cap_calls, e.free_cap_savings,
                        e.free_cap_affected_users)::text end
                    || ' got ' || case when a.feature is null then 'no row' else row(a.calls, a.users, a.paying_users, a.cost, a.cost_paid, a.cost_free, a.revenue_by_cost,
                        a.revenue_by_calls, a.revenue_by_users, a.coverage, a.margin, a.status, a.free_cap_calls, a.free_cap_savings,
                        a.free_cap_affected_users)::text end
                from expected as e
                full join actual as a on a.feature = e.feature
                where row(e.calls, e.users, e.paying_users, e.cost, e.cost_paid, e.cost_free, e.revenue_by_cost, e.revenue_by_calls,
                        e.revenue_by_users, e.coverage, e.margin, e.status, e.free_cap_calls, e.free_cap_savings,
                        e.free_cap_affected_users)
                    is distinct from row(a.calls, a.users, a.paying_users, a.cost, a.cost_paid, a.cost_free, a.revenue_by_cost,
                        a.revenue_by_calls, a.revenue_by_users, a.coverage, a.margin, a.status, a.free_cap_calls, a.free_cap_savings,
                        a.free_cap_affected_users)
                union all
                -- reasons: non-empty unless covered, and they say the free share where free users cost something
                select 'FAIL reason ' || feature || ': ' || coalesce(reason, 'NULL')
                from flywheel.feature_economics
                where month = date '2026-01-01'
                  and ((status = 'covered') <> (reason is null) or reason = ''
                    or (feature = 'A' and reason not like '%free users cause 40% of its cost%')
                    or (feature = 'D' and reason not like '%free users cause 100% of its cost%')
                    or (feature = 'B' and reason not like '%below the 2x%'))
                union all
                select 'FAIL no feature rows expected in December, got ' || count(*)
                from flywheel.feature_economics where month = date '2025-12-01' having count(*) > 0
                union all
                select 'FAIL data_quality ' || check_name || ': ' || detail
                from flywheel.data_quality where severity <> 'info' and check_name like 'features%'
                """#)
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    /// The free-use cap search over several free users, exact boundaries.
    /// From features-fixtures/fe_free_cap.sql: the expected values are worked out by hand in its comments.
    @Test func freeUseCapIsTheLargestWholeQWithinBudget() throws {
        let failures = try FeatureComputeFixture.failures(
            events: #"""
                -- Fixture: the free-use cap search (several free users with different call counts), exact boundaries.
                -- settings: as_of=2026-03-31_12:00:00+00 timezone=UTC margin=0.5 currency=USD
                -- March 2026. Payers use one feature each, so every model attributes their whole revenue to it.
                -- Feature X: payer Q1 (charge 40): 4 calls at 1 -> cost_paid 4, revenue_by_* = 40.
                --   Free users' calls of X: u1 1 (cost 2 each), u2 2 (0.25 each), u3 2 (0.75 each), u4 5 (0.5 each),
                --   u5 10 (0.5 each), u6 20 (0.425 each): calls_free = 40, cost_free = 2+0.5+1.5+2.5+5+8.5 = 20, unit = 0.5.
                --   cost = 24; 40 >= 24 but 40 < 2*24 -> below_target.
                --   budget = max(0, 40*0.5 - 4) = 16 < 20 -> cap. Need sum min(c,q) * 0.5 <= 16, i.e. sum min(c,q) <= 32.
                --   g(q) = sum min(c,q): g(10) = 1+2+2+5+10+10 = 30, g(12) = 20+12 = 32 (= the limit: allowed), g(13) = 33.
                --   -> q = 12, capped cost 32*0.5 = 16, savings 20 - 16 = 4, affected: only u6 (20 > 12) -> 1.
                -- Feature Y: payer Q2 (charge 12): 2 calls at 1 -> cost_paid 2. budget = 12*0.5 - 2 = 4.
                --   Free: u1 1 call, v2 3, v3 3, v4 7 calls, all at 0.5: calls_free 14, cost_free 7, unit 0.5 -> sum min(c,q) <= 8.
                --   g(1) = 4, g(2) = 1+2+2+2 = 7, g(3) = 1+3+3+3 = 10 -> q = 2, capped 7*0.5 = 3.5, savings 7-3.5 = 3.5,
                --   affected v2, v3, v4 (3, 3, 7 > 2) -> 3. cost 9, 12 >= 9, 12 < 18 -> below_target.
                -- Feature Z: payer Q3 (charge 10): 1 call at 1 -> budget = 10*0.5 - 1 = 4; free w1: 4 calls at 1 -> cost_free 4
                --   = budget, not above it -> no cap (NULLs). cost 5, 10 >= 2*5 (equality counts) -> covered.
                -- Feature W: free only, w1 3 calls at 0.2 -> budget 0 -> q = 0, savings 0.6, affected 1; uncovered.
                insert into events.payments (payment_id, user_id, occurred_at, kind, amount, currency, plan, interval,
                    load_id, line_number) values
                    ('q1', 'Q1', '2026-03-02 10:00:00+00', 'charge', 40, 'USD', 'pro', 'one_time', 1, 1),
                    ('q2', 'Q2', '2026-03-02 10:00:00+00', 'charge', 12, 'USD', 'pro', 'one_time', 1, 2),
                    ('q3', 'Q3', '2026-03-02 10:00:00+00', 'charge', 10, 'USD', 'pro', 'one_time', 1, 3);
                insert into events.usage (event_id, user_id, occurred_at, feature, model, input_tokens, output_tokens, cost,
                    cost_currency, load_id, line_number)
                select 'e' || row_number() over (), u, timestamptz '2026-03-05 00:00:00+00' + i * interval '1 minute', f, 'm', 1, 1,
                    c, 'USD', 1, row_number() over ()
                from (values ('Q1', 'X', 4, 1.0), ('u1', 'X', 1, 2), ('u2', 'X', 2, 0.25), ('u3', 'X', 2, 0.75), ('u4', 'X', 5, 0.5),
                             ('u5', 'X', 10, 0.5), ('u6', 'X', 20, 0.425),
                             ('Q2', 'Y', 2, 1), ('u1', 'Y', 1, 0.5), ('v2', 'Y', 3, 0.5), ('v3', 'Y', 3, 0.5), ('v4', 'Y', 7, 0.5),
                             ('Q3', 'Z', 1, 1), ('w1', 'Z', 4, 1), ('w1', 'W', 3, 0.2)) as v(u, f, n, c)
                cross join lateral generate_series(1, n) as i;
                """#,
            settings: .init(asOf: "2026-03-31 12:00:00+00"),
            check: #"""
                with expected (feature, calls, cost, cost_paid, cost_free, status, free_cap_calls, free_cap_savings,
                    free_cap_affected_users) as (values
                    ('X', 44, 24, 4, 20, 'below_target', 12::bigint, 4::numeric, 1::bigint),
                    ('Y', 16, 9, 2, 7, 'below_target', 2, 3.5, 3),
                    ('Z', 5, 5, 1, 4, 'covered', null, null, null),
                    ('W', 3, 0.6, 0, 0.6, 'uncovered', 0, 0.6, 1)
                ),
                actual as (select * from flywheel.feature_economics where month = date '2026-03-01')
                select 'FAIL free cap ' || coalesce(e.feature, a.feature) || ': expected '
                    || case when e.feature is null then 'no row' else row(e.calls, e.cost, e.cost_paid, e.cost_free, e.status,
                        e.free_cap_calls, e.free_cap_savings, e.free_cap_affected_users)::text end
                    || ' got ' || case when a.feature is null then 'no row' else row(a.calls, a.cost, a.cost_paid, a.cost_free,
                        a.status, a.free_cap_calls, a.free_cap_savings, a.free_cap_affected_users)::text end
                from expected as e
                full join actual as a on a.feature = e.feature
                where row(e.calls, e.cost, e.cost_paid, e.cost_free, e.status, e.free_cap_calls, e.free_cap_savings,
                        e.free_cap_affected_users)
                    is distinct from row(a.calls, a.cost, a.cost_paid, a.cost_free, a.status, a.free_cap_calls, a.free_cap_savings,
                        a.free_cap_affected_users)
                union all
                select 'FAIL data_quality ' || check_name || ': ' || detail
                from flywheel.data_quality where severity <> 'info' and check_name like 'features%'
                """#)
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    /// Exact status boundaries at target 1/0.7 and unpriced calls.
    /// From features-fixtures/fe_margin_boundary.sql: the expected values are worked out by hand in its comments.
    @Test func statusBoundariesAreExactForANonTerminatingTarget() throws {
        let failures = try FeatureComputeFixture.failures(
            events: #"""
                -- Fixture: exact status boundaries with a target margin of 0.3 (target = 1/0.7, not a terminating decimal), and
                -- unpriced calls in the attribution.
                -- settings: as_of=2026-05-31_12:00:00+00 timezone=UTC margin=0.3 currency=USD
                -- May 2026. Every payer below pays one one-time charge.
                --  K1 (charge 10): feature K, 1 call cost 7. K: 10 x 0.7 = 7 >= 7 -> covered (10 = exactly 1/0.7 x 7). reason NULL.
                --  L1 (charge 10): feature L, 1 call cost 7.000001. 10 >= 7.000001 but 10 x 0.7 = 7 < 7.000001 -> below_target.
                --      budget = max(0, 10 x 0.3 - 7.000001) = 0, cost_free 0 -> no cap.
                --  P9 (charge 12): feature M1 1 call cost 3; feature M2 2 calls with no cost and no model price (unpriced).
                --      cost(u,M) = 3 (priced only), calls(u,M) = 3, 2 features.
                --      M1: by cost 12 x 3/3 = 12, by calls 12 x 1/3 = 4, by users 6. cost 3: all >= 3; 4 x 0.7 = 2.8 < 3
                --          -> below_target. budget = max(0, 12 x 0.3 - 3) = 0.6 >= cost_free 0 -> no cap.
                --      M2: by cost 12 x 0/3 = 0, by calls 12 x 2/3 = 8, by users 6; cost 0 -> covered; coverage NULL; margin 0;
                --          calls 2 (unpriced calls count).
                insert into events.payments (payment_id, user_id, occurred_at, kind, amount, currency, plan, interval,
                    load_id, line_number) values
                    ('k1', 'K1', '2026-05-02 10:00:00+00', 'charge', 10, 'USD', 'pro', 'one_time', 1, 1),
                    ('l1', 'L1', '2026-05-02 10:00:00+00', 'charge', 10, 'USD', 'pro', 'one_time', 1, 2),
                    ('p9', 'P9', '2026-05-02 10:00:00+00', 'charge', 12, 'USD', 'pro', 'one_time', 1, 3);
                insert into events.usage (event_id, user_id, occurred_at, feature, model, input_tokens, output_tokens, cost,
                    cost_currency, load_id, line_number) values
                    ('e1', 'K1', '2026-05-03 00:00:00+00', 'K', 'm', 1, 1, 7, 'USD', 1, 1),
                    ('e2', 'L1', '2026-05-03 00:00:00+00', 'L', 'm', 1, 1, 7.000001, 'USD', 1, 2),
                    ('e3', 'P9', '2026-05-03 00:00:00+00', 'M1', 'm', 1, 1, 3, 'USD', 1, 3),
                    ('e4', 'P9', '2026-05-03 00:00:00+00', 'M2', 'nomodel', 1, 1, null, 'USD', 1, 4),
                    ('e5', 'P9', '2026-05-04 00:00:00+00', 'M2', 'nomodel', 1, 1, null, 'USD', 1, 5);
                """#,
            settings: .init(asOf: "2026-05-31 12:00:00+00", targetGrossMargin: "0.3"),
            check: #"""
                with expected (feature, calls, cost, revenue_by_cost, revenue_by_calls, revenue_by_users, margin, status) as (values
                    ('K', 1, 7, 10, 10, 10, 3, 'covered'),
                    ('L', 1, 7.000001, 10, 10, 10, 2.999999, 'below_target'),
                    ('M1', 1, 3, 12, 4, 6, 9, 'below_target'),
                    ('M2', 2, 0, 0, 8, 6, 0, 'covered')
                ),
                actual as (select * from flywheel.feature_economics where month = date '2026-05-01')
                select 'FAIL ' || coalesce(e.feature, a.feature) || ': expected '
                    || case when e.feature is null then 'no row' else row(e.calls, e.cost, e.revenue_by_cost, e.revenue_by_calls,
                        e.revenue_by_users, e.margin, e.status)::text end
                    || ' got ' || case when a.feature is null then 'no row' else row(a.calls, a.cost, a.revenue_by_cost,
                        a.revenue_by_calls, a.revenue_by_users, a.margin, a.status)::text end
                from expected as e
                full join actual as a on a.feature = e.feature
                where e.feature is null or a.feature is null
                    or (e.calls, e.cost, e.revenue_by_cost, e.revenue_by_users, e.margin, e.status)
                        is distinct from (a.calls, a.cost, a.revenue_by_cost, a.revenue_by_users, a.margin, a.status)
                    or abs(e.revenue_by_calls - a.revenue_by_calls) > 1e-12
                union all
                select 'FAIL ' || feature || ' cap/reason: ' || coalesce(reason, 'NULL')
                from flywheel.feature_economics
                where month = date '2026-05-01'
                    and (free_cap_calls is not null or free_cap_savings is not null or free_cap_affected_users is not null
                        or (status = 'covered') <> (reason is null)
                        or (feature = 'M2' and coverage is not null)
                        or (feature = 'L' and reason not like '%below the 1.43x needed for a 30% gross margin%'))
                union all
                select 'FAIL data_quality ' || check_name || ': ' || detail
                from flywheel.data_quality where severity <> 'info' and check_name like 'features%'
                """#)
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }
}
