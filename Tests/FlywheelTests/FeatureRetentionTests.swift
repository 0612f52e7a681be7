import FlywheelTestSupport
import Testing

@Suite("Feature retention computed from hand-made events", .enabled(if: TestDatabase.isAvailable))
struct FeatureRetentionTests {
    /// Retention using / not using a feature and the lift.
    /// From features-fixtures/feature_retention.sql: the expected values are worked out by hand in its comments.
    @Test func retentionOfPayersUsingAFeatureAgainstTheOthers() throws {
        let failures = try FeatureComputeFixture.failures(
            events: #"""
                -- Fixture: feature_retention (retention of payers who used a feature vs those who did not, lift).
                -- settings: as_of=2026-03-20_12:00:00+00 timezone=UTC margin=0.5 currency=USD
                -- One-time charges of 10 make payers; every call costs 0.1.
                -- Jan payers R1..R5. Jan calls: R1 A,B; R2 A; R3 A; R4 B; R5 none (idle payer); free N1 C; free R6 A.
                -- Feb payers R1, R2, R5, R7 (R7 new). Feb calls: U by R1, R2, R5, R7 and free N1; R3 A (active, not a payer).
                -- Mar payers: R1.
                -- Month Feb (usage of Jan, payers of Jan = 5, retained in Feb = R1, R2, R5 = 3):
                --  A: using {R1,R2,R3} = 3, retained {R1,R2} = 2 -> 2/3; not using {R4,R5}: retained {R5} -> 1/2; lift 2/3-1/2 = 1/6
                --  B: using {R1,R4} = 2, retained {R1} = 1 -> 1/2; not using {R2,R3,R5}: retained {R2,R5} -> 2/3; lift -1/6
                --  C: used only by a free user -> no row.
                -- Month Mar (payers of Feb = 4, all used U): U: 4, retained {R1} = 1 -> 1/4; not using: nobody -> NULL; lift NULL.
                --  A in Feb was used by R3, not a Feb payer -> no row.
                -- Month Jan: December has no payers -> no rows.
                insert into events.payments (payment_id, user_id, occurred_at, kind, amount, currency, plan, interval,
                    load_id, line_number)
                select 'p' || row_number() over (), u, t::timestamptz, 'charge', 10, 'USD', 'credits', 'one_time', 1, row_number() over ()
                from (values ('R1', '2026-01-03 00:00:00+00'), ('R2', '2026-01-03 00:00:00+00'), ('R3', '2026-01-03 00:00:00+00'),
                             ('R4', '2026-01-03 00:00:00+00'), ('R5', '2026-01-03 00:00:00+00'),
                             ('R1', '2026-02-03 00:00:00+00'), ('R2', '2026-02-03 00:00:00+00'), ('R5', '2026-02-03 00:00:00+00'),
                             ('R7', '2026-02-03 00:00:00+00'), ('R1', '2026-03-03 00:00:00+00')) as v(u, t);
                insert into events.usage (event_id, user_id, occurred_at, feature, model, input_tokens, output_tokens, cost,
                    cost_currency, load_id, line_number)
                select 'e' || row_number() over (), u, t::timestamptz, f, 'm', 1, 1, 0.1, 'USD', 1, row_number() over ()
                from (values ('R1', '2026-01-05 00:00:00+00', 'A'), ('R1', '2026-01-05 00:00:00+00', 'B'),
                             ('R2', '2026-01-05 00:00:00+00', 'A'), ('R3', '2026-01-05 00:00:00+00', 'A'),
                             ('R4', '2026-01-05 00:00:00+00', 'B'), ('N1', '2026-01-05 00:00:00+00', 'C'),
                             ('R6', '2026-01-05 00:00:00+00', 'A'),
                             ('R1', '2026-02-05 00:00:00+00', 'U'), ('R2', '2026-02-05 00:00:00+00', 'U'),
                             ('R5', '2026-02-05 00:00:00+00', 'U'), ('R7', '2026-02-05 00:00:00+00', 'U'),
                             ('N1', '2026-02-05 00:00:00+00', 'U'), ('R3', '2026-02-05 00:00:00+00', 'A')) as v(u, t, f);
                """#,
            settings: .init(asOf: "2026-03-20 12:00:00+00"),
            check: #"""
                with expected (month, feature, payers_using, retained_using, retention_using, retention_not_using, lift) as (values
                    (date '2026-02-01', 'A', 3, 2, 2 / 3.0, 0.5, 1 / 6.0),
                    (date '2026-02-01', 'B', 2, 1, 0.5, 2 / 3.0, -1 / 6.0),
                    (date '2026-03-01', 'U', 4, 1, 0.25, null, null)
                )
                select 'FAIL feature_retention ' || coalesce(e.month, a.month) || ' ' || coalesce(e.feature, a.feature)
                    || ': expected ' || case when e.feature is null then 'no row' else row(e.payers_using, e.retained_using,
                        e.retention_using, e.retention_not_using, e.lift)::text end
                    || ' got ' || case when a.feature is null then 'no row' else row(a.payers_using, a.retained_using,
                        a.retention_using, a.retention_not_using, a.lift)::text end
                from expected as e
                full join flywheel.feature_retention as a on a.month = e.month and a.feature = e.feature
                where e.feature is null or a.feature is null
                    or (e.payers_using, e.retained_using) is distinct from (a.payers_using, a.retained_using)
                    or (e.retention_using is null) <> (a.retention_using is null) or abs(e.retention_using - a.retention_using) > 1e-15
                    or (e.retention_not_using is null) <> (a.retention_not_using is null)
                    or abs(e.retention_not_using - a.retention_not_using) > 1e-15
                    or (e.lift is null) <> (a.lift is null) or abs(e.lift - a.lift) > 1e-15
                union all
                select 'FAIL data_quality ' || check_name || ': ' || detail
                from flywheel.data_quality where severity <> 'info' and check_name like 'features%'
                """#)
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }
}
