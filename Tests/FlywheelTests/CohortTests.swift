import FlywheelTestSupport
import Testing

@Suite("Cohort retention computed from hand-made events", .enabled(if: TestDatabase.isAvailable))
struct CohortTests {
    /// first_payment and signup cohorts, cumulative LTV per user, completeness.
    /// From features-fixtures/cohorts.sql: the expected values are worked out by hand in its comments.
    @Test func bothCohortKindsWithCumulativeValuePerUser() throws {
        let failures = try FeatureComputeFixture.failures(
            events: #"""
                -- Fixture: cohort_retention, both kinds, cumulative LTV per user, completeness, members who never did anything.
                -- settings: as_of=2026-04-15_12:00:00+00 timezone=UTC margin=0.5 currency=USD
                -- Range Jan..Apr 2026 (earliest event: S4's charge on Jan 5); Jan-Mar complete, Apr not (as_of before Apr 30).
                -- Users (one-time charges, usage with its cost):
                --  S1 signed up Jan 10: Jan charge 10 + call cost 2; Feb call cost 1; Mar charge 10 (no call); Apr call cost 3.
                --  S2 signed up Jan 20, never did anything (signup cohort Jan member, never retained, no user_months row).
                --  S3 not in users: first event a Feb call cost 1 (signup Feb); Mar charge 20 + call cost 4 (first paid Mar).
                --  S4 signed up Dec 2025 (outside the range: no signup cohort row); Jan charge 10 + call cost 1.
                --  S5 signed up Feb 1: Feb charge 30 + call cost 5; Mar partial refund 10 of it (Mar revenue -10, not a payer).
                --  S6 signed up Apr 2, nothing else (signup cohort Apr, size 1).
                -- first_payment Jan = {S1, S4}, size 2:
                --  k0 Jan: payers S1,S4 -> 2, 1; revenue 10+10 = 20, cost 2+1 = 3; cum rev 20/2 = 10; cum gp 17/2 = 8.5
                --  k1 Feb: 0 payers -> 0; rev 0, cost 1 (S1); cum rev 20/2 = 10; cum gp (17-1)/2 = 8
                --  k2 Mar: S1 payer -> 1, 0.5; rev 10, cost 0; cum rev 30/2 = 15; cum gp (16+10)/2 = 13
                --  k3 Apr: 0; rev 0, cost 3; cum rev 15; cum gp (26-3)/2 = 11.5; incomplete
                -- first_payment Feb = {S5}: k0 1, 1, 30, 5, 30, 25 | k1 0, 0, -10, 0, 20, 15 | k2 (Apr) 0, 0, 0, 0, 20, 15
                -- first_payment Mar = {S3}: k0 1, 1, 20, 4, 20, 16 | k1 0, 0, 0, 0, 20, 16 (S3's Feb cost is before the cohort)
                -- signup Jan = {S1, S2}, size 2 (retained = active):
                --  k0: S1 active 1, 0.5; rev 10, cost 2; cum 5; gp 8/2 = 4
                --  k1: 1, 0.5; rev 0, cost 1; cum 5; gp 7/2 = 3.5
                --  k2: 0, 0; rev 10, cost 0; cum 20/2 = 10; gp 17/2 = 8.5
                --  k3: 1, 0.5; rev 0, cost 3; cum 10; gp 14/2 = 7
                -- signup Feb = {S3, S5}, size 2:
                --  k0: both active 2, 1; rev 30, cost 1+5 = 6; cum 15; gp 24/2 = 12
                --  k1: S3 active 1, 0.5; rev 20-10 = 10, cost 4; cum 40/2 = 20; gp 30/2 = 15
                --  k2: 0, 0; 0, 0; cum 20; gp 15
                -- signup Apr = {S6}: k0 0, 0, 0, 0, 0, 0, incomplete.
                insert into events.users (user_id, signed_up_at, load_id, line_number) values
                    ('S1', '2026-01-10 00:00:00+00', 1, 1), ('S2', '2026-01-20 00:00:00+00', 1, 2),
                    ('S4', '2025-12-15 00:00:00+00', 1, 3), ('S5', '2026-02-01 00:00:00+00', 1, 4),
                    ('S6', '2026-04-02 00:00:00+00', 1, 5);
                insert into events.payments (payment_id, user_id, occurred_at, kind, amount, currency, plan, interval, refund_of,
                    load_id, line_number) values
                    ('c1', 'S1', '2026-01-10 12:00:00+00', 'charge', 10, 'USD', 'credits', 'one_time', null, 1, 1),
                    ('c2', 'S1', '2026-03-10 12:00:00+00', 'charge', 10, 'USD', 'credits', 'one_time', null, 1, 2),
                    ('c3', 'S3', '2026-03-05 12:00:00+00', 'charge', 20, 'USD', 'credits', 'one_time', null, 1, 3),
                    ('c4', 'S4', '2026-01-05 12:00:00+00', 'charge', 10, 'USD', 'credits', 'one_time', null, 1, 4),
                    ('c5', 'S5', '2026-02-02 12:00:00+00', 'charge', 30, 'USD', 'credits', 'one_time', null, 1, 5),
                    ('r5', 'S5', '2026-03-01 12:00:00+00', 'refund', 10, 'USD', null, null, 'c5', 1, 6);
                insert into events.usage (event_id, user_id, occurred_at, feature, model, input_tokens, output_tokens, cost,
                    cost_currency, load_id, line_number) values
                    ('e1', 'S1', '2026-01-11 00:00:00+00', 'chat', 'm', 1, 1, 2, 'USD', 1, 1),
                    ('e2', 'S1', '2026-02-11 00:00:00+00', 'chat', 'm', 1, 1, 1, 'USD', 1, 2),
                    ('e3', 'S1', '2026-04-02 00:00:00+00', 'chat', 'm', 1, 1, 3, 'USD', 1, 3),
                    ('e4', 'S3', '2026-02-03 00:00:00+00', 'chat', 'm', 1, 1, 1, 'USD', 1, 4),
                    ('e5', 'S3', '2026-03-06 00:00:00+00', 'chat', 'm', 1, 1, 4, 'USD', 1, 5),
                    ('e6', 'S4', '2026-01-06 00:00:00+00', 'chat', 'm', 1, 1, 1, 'USD', 1, 6),
                    ('e7', 'S5', '2026-02-03 00:00:00+00', 'chat', 'm', 1, 1, 5, 'USD', 1, 7);
                """#,
            settings: .init(asOf: "2026-04-15 12:00:00+00"),
            check: #"""
                with expected (cohort_kind, cohort_month, months_since, cohort_size, retained_users, retention, revenue, cost,
                    cumulative_revenue_per_user, cumulative_gross_profit_per_user, complete) as (values
                    ('first_payment', date '2026-01-01', 0, 2, 2, 1.0, 20, 3, 10, 8.5, true),
                    ('first_payment', date '2026-01-01', 1, 2, 0, 0, 0, 1, 10, 8, true),
                    ('first_payment', date '2026-01-01', 2, 2, 1, 0.5, 10, 0, 15, 13, true),
                    ('first_payment', date '2026-01-01', 3, 2, 0, 0, 0, 3, 15, 11.5, false),
                    ('first_payment', date '2026-02-01', 0, 1, 1, 1, 30, 5, 30, 25, true),
                    ('first_payment', date '2026-02-01', 1, 1, 0, 0, -10, 0, 20, 15, true),
                    ('first_payment', date '2026-02-01', 2, 1, 0, 0, 0, 0, 20, 15, false),
                    ('first_payment', date '2026-03-01', 0, 1, 1, 1, 20, 4, 20, 16, true),
                    ('first_payment', date '2026-03-01', 1, 1, 0, 0, 0, 0, 20, 16, false),
                    ('signup', date '2026-01-01', 0, 2, 1, 0.5, 10, 2, 5, 4, true),
                    ('signup', date '2026-01-01', 1, 2, 1, 0.5, 0, 1, 5, 3.5, true),
                    ('signup', date '2026-01-01', 2, 2, 0, 0, 10, 0, 10, 8.5, true),
                    ('signup', date '2026-01-01', 3, 2, 1, 0.5, 0, 3, 10, 7, false),
                    ('signup', date '2026-02-01', 0, 2, 2, 1, 30, 6, 15, 12, true),
                    ('signup', date '2026-02-01', 1, 2, 1, 0.5, 10, 4, 20, 15, true),
                    ('signup', date '2026-02-01', 2, 2, 0, 0, 0, 0, 20, 15, false),
                    ('signup', date '2026-04-01', 0, 1, 0, 0, 0, 0, 0, 0, false)
                )
                select 'FAIL cohort ' || coalesce(e.cohort_kind, a.cohort_kind) || ' ' || coalesce(e.cohort_month, a.cohort_month)
                    || ' k=' || coalesce(e.months_since, a.months_since) || ': expected '
                    || case when e.cohort_kind is null then 'no row' else row(e.cohort_size, e.retained_users, e.retention, e.revenue,
                        e.cost, e.cumulative_revenue_per_user, e.cumulative_gross_profit_per_user, e.complete)::text end
                    || ' got ' || case when a.cohort_kind is null then 'no row' else row(a.cohort_size, a.retained_users, a.retention,
                        a.revenue, a.cost, a.cumulative_revenue_per_user, a.cumulative_gross_profit_per_user, a.complete)::text end
                from expected as e
                full join flywheel.cohort_retention as a
                    on a.cohort_kind = e.cohort_kind and a.cohort_month = e.cohort_month and a.months_since = e.months_since
                where row(e.cohort_size, e.retained_users, e.retention, e.revenue, e.cost, e.cumulative_revenue_per_user,
                        e.cumulative_gross_profit_per_user, e.complete)
                    is distinct from row(a.cohort_size, a.retained_users, a.retention, a.revenue, a.cost,
                        a.cumulative_revenue_per_user, a.cumulative_gross_profit_per_user, a.complete)
                union all
                select 'FAIL data_quality ' || check_name || ': ' || detail
                from flywheel.data_quality where severity <> 'info' and check_name like 'features%'
                """#)
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }
}
