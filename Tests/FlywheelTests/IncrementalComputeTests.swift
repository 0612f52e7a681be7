import FlywheelTestSupport
import Foundation
import Ingest
import Postgres
import SyntheticData
import Testing

@testable import Flywheel

@Suite("Incremental compute against the live server", .enabled(if: TestDatabase.isAvailable))
struct IncrementalComputeTests {
    static let tables = [
        "user_months", "monthly_kpis", "mrr_movements", "loop_stages", "cohort_retention", "feature_economics",
        "feature_retention", "plan_economics",
    ]

    /// The flywheel tables, and the per user x month x feature totals an incremental compute merges its delta into
    /// (a full compute replaces that table: the comments and NOT NULL columns of the migrations must be there after
    /// either kind, and no key index since migration 0021). Since migration 0022 the months an incremental compute
    /// rebuilds are in a table of their own: the two together hold the same groups after either kind.
    func snapshot(_ connection: Connection) throws -> [String: String] {
        var digests = try flywheelSnapshot(connection)
        digests["work.user_feature_months"] = try connection.scalar(
            String.self,
            """
            select md5(coalesce(string_agg(t::text, '|' order by t::text), ''))
            from (select user_id, month, feature, calls, cost, unpriced_calls, input_tokens, output_tokens,
                         cached_input_tokens
                  from work.user_feature_months
                  union all
                  select user_id, month, feature, calls, cost, unpriced_calls, input_tokens, output_tokens,
                         cached_input_tokens
                  from work.user_feature_months_recent) t
            """)
        // (by value: a month-incremental compute updates a count's cost by differences, whose scale can exceed the
        // rebuilt sum's; the per-feature totals the flywheel tables show have the same scale either way)
        digests["work.feature_call_counts"] = try connection.scalar(
            String.self,
            """
            select md5(coalesce(string_agg(t::text, '|' order by t::text), ''))
            from (select month, feature, calls, users, trim_scale(cost), unpriced_calls
                  from work.feature_call_counts) t
            """)
        digests["user_feature_months comments"] = try connection.scalar(
            String.self,
            """
            select concat_ws('|', obj_description(c.oid, 'pg_class'),
                             (select count(*) from pg_attribute a
                              where a.attrelid = c.oid and a.attnum > 0 and col_description(c.oid, a.attnum) <> ''),
                             (select count(*) from pg_attribute a
                              where a.attrelid = c.oid and a.attnum > 0 and a.attnotnull),
                             c.reloptions,
                             (select count(*) from pg_indexes
                              where schemaname = 'work' and indexname = 'user_feature_months_key'))
            from pg_class c where c.oid = 'work.user_feature_months'::regclass
            """)
        return digests
    }

    func flywheelSnapshot(_ connection: Connection) throws -> [String: String] {
        var digests: [String: String] = [:]
        for table in Self.tables {
            digests[table] = try connection.scalar(
                String.self,
                "select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) from flywheel.\(table) t")
        }
        return digests
    }

    @Test func incrementalAndFullComputeGiveIdenticalTables() throws {
        try TestDatabase.withConnection { connection in
            try Migrator().migrate(connection)
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fw-inc-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            let summary = try SyntheticDataGenerator(options: GeneratorOptions(users: 600, months: 4, seed: 11))
                .write(to: folder)
            // Hold back the last month's usage and feedback: they arrive after the first compute.
            let last = summary.lastMonth.description
            let late = summary.files.map(\.name).filter { $0.contains(last) && !$0.hasPrefix("users") }
            let early = summary.files.map(\.name).filter { !late.contains($0) }
            #expect(!late.isEmpty)
            let settings = Settings()
            let ingestion = Ingestion(connection: connection, settings: settings)
            _ = try ingestion.load(early.sorted().map { folder.appendingPathComponent($0).path }, kind: nil)
            let first = try Computation(connection: connection, settings: settings).run(asOf: nil)
            #expect(!first.incrementalUsage)
            _ = try ingestion.load(late.sorted().map { folder.appendingPathComponent($0).path }, kind: nil)
            let second = try Computation(connection: connection, settings: settings).run(asOf: nil)
            #expect(second.incrementalUsage)
            // Only usage and feedback arrived, all of it in the last month: earlier months' per-user rows are kept.
            #expect(second.rebuiltFromMonth == "\(last)-01")
            let incremental = try snapshot(connection)
            // The table the first (full) compute put in place keeps the migrations' comments and NOT NULL columns.
            let kept = incremental["user_feature_months comments"] ?? ""
            #expect(kept.hasPrefix("Usage per user x month x feature"), "\(kept)")
            #expect(kept.hasSuffix("|6|9|0"), "\(kept)")
            let full = try Computation(connection: connection, settings: settings).run(asOf: nil, full: true)
            #expect(!full.incrementalUsage)
            #expect(full.rebuiltFromMonth == nil)
            #expect(try snapshot(connection) == incremental)
            #expect(try connection.scalar(Int.self, "select count(*) from flywheel.user_months") ?? 0 > 0)
            // An explicit as_of prices everything again and does not seed the next incremental compute.
            let explicit = try Computation(connection: connection, settings: settings).run(asOf: "2026-09-15T00:00:00Z")
            #expect(!explicit.incrementalUsage)
            let after = try Computation(connection: connection, settings: settings).run(asOf: nil)
            #expect(!after.incrementalUsage)
            #expect(try snapshot(connection) == incremental)
        }
    }

    /// Loads `text` as a file named `name`, runs an incremental compute and then a full one, and checks that both give
    /// identical flywheel tables. Returns the incremental compute's first rebuilt month (nil: it was a full one).
    func loadAndCompare(
        _ connection: Connection, _ folder: URL, _ name: String, _ text: String
    ) throws -> String? {
        let path = folder.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        _ = try Ingestion(connection: connection, settings: Settings()).load([path], kind: nil)
        let incremental = try Computation(connection: connection, settings: Settings()).run(asOf: nil)
        let afterIncremental = try snapshot(connection)
        _ = try Computation(connection: connection, settings: Settings()).run(asOf: nil, full: true)
        #expect(try snapshot(connection) == afterIncremental, "incremental compute after \(name) differs from full")
        return incremental.rebuiltFromMonth
    }

    /// Migrates, writes a 4-month synthetic data set into `folder` (created) and loads all of it.
    func loadSyntheticData(_ connection: Connection, into folder: URL, users: Int, seed: UInt64) throws
        -> GeneratorSummary
    {
        try Migrator().migrate(connection)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let summary = try SyntheticDataGenerator(options: GeneratorOptions(users: users, months: 4, seed: seed))
            .write(to: folder)
        _ = try Ingestion(connection: connection, settings: Settings())
            .load(summary.files.map(\.name).sorted().map { folder.appendingPathComponent($0).path }, kind: nil)
        return summary
    }

    @Test func monthIncrementalComputeMatchesFullComputeAndFallsBack() throws {
        try TestDatabase.withConnection { connection in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fw-inc-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            let summary = try loadSyntheticData(connection, into: folder, users: 400, seed: 5)
            let first = try Computation(connection: connection, settings: Settings()).run(asOf: nil)
            #expect(first.rebuiltFromMonth == nil)
            let firstMonth = summary.firstMonth.description
            let lastMonth = summary.lastMonth.description
            // A payer (has rows in several months) and a model and feature that exist.
            let user = try #require(
                try connection.scalar(
                    String.self,
                    "select user_id from flywheel.user_months where is_payer and month = '\(firstMonth)-01' "
                        + "order by user_id limit 1"))
            let model = try #require(try connection.scalar(String.self, "select min(model) from catalog.model_prices"))
            let usageHeader = "event_id,user_id,occurred_at,feature,model,input_tokens,output_tokens\n"

            // A late call in the first month: every month from it is rebuilt, and nothing else changes.
            #expect(
                try loadAndCompare(
                    connection, folder, "usage-late.csv",
                    usageHeader + "late-1,\(user),\(firstMonth)-10T12:00:00Z,chat,\(model),1000,2000\n")
                    == "\(firstMonth)-01")
            // Feedback only, in the last month.
            #expect(
                try loadAndCompare(
                    connection, folder, "feedback-late.jsonl",
                    #"{"event_id":"late-fb-1","user_id":"\#(user)","occurred_at":"\#(lastMonth)-03T08:00:00Z","#
                        + #""feature":"chat","rating":"down"}"# + "\n") == "\(lastMonth)-01")
            // A brand-new user in the last month (a new signup cohort member), then the same user earlier: its
            // inferred signup month moves back, which the kept rows cannot follow, so that compute is a full one.
            #expect(
                try loadAndCompare(
                    connection, folder, "usage-new-user.csv",
                    usageHeader + "late-2,late-user,\(lastMonth)-05T00:00:00Z,chat,\(model),10,20\n")
                    == "\(lastMonth)-01")
            #expect(
                try loadAndCompare(
                    connection, folder, "usage-new-user-earlier.csv",
                    usageHeader + "late-3,late-user,\(firstMonth)-20T00:00:00Z,search,\(model),10,20\n") == nil)
            // A payment: payers, plans, MRR and revenue can change anywhere, so the compute is a full one.
            #expect(
                try loadAndCompare(
                    connection, folder, "payments-late.csv",
                    "payment_id,user_id,occurred_at,kind,amount,currency,plan,interval\n"
                        + "late-ch-1,\(user),\(firstMonth)-15T00:00:00Z,charge,7.50,USD,pro,month\n") == nil)
            // Usage in the month after the last one: as_of and the month range move forward (every month may become
            // complete, a new month appears); only the new month is rebuilt per user.
            let next = try #require(
                try connection.scalar(
                    String.self, "select to_char(max(month) + interval '1 month', 'YYYY-MM') from flywheel.monthly_kpis"
                ))
            #expect(
                try loadAndCompare(
                    connection, folder, "usage-next-month.csv",
                    usageHeader + "late-4,\(user),\(next)-02T00:00:00Z,chat,\(model),100,200\n") == "\(next)-01")
            #expect(
                try connection.scalar(Int.self, "select count(*) from flywheel.monthly_kpis where month = '\(next)-01'")
                    == 1)
            // Rows written outside the loader (no new load) are noticed: the next compute is a full one.
            try connection.execute(
                "insert into events.usage (event_id, user_id, occurred_at, feature, model, input_tokens, output_tokens, "
                    + "load_id, line_number) select 'outside-1', user_id, occurred_at, feature, model, 1, 1, load_id, 0 "
                    + "from events.usage where event_id = 'late-1'")
            let outside = try Computation(connection: connection, settings: Settings()).run(asOf: nil)
            #expect(outside.rebuiltFromMonth == nil)
            #expect(!outside.incrementalUsage)
            // Nothing new: incremental again. A payment changed in place (same row count, same newest load) by hand
            // is noticed too (migration 0020's triggers), and the full compute takes the new amount.
            let unchanged = try Computation(connection: connection, settings: Settings()).run(asOf: nil)
            #expect(unchanged.incrementalUsage)
            #expect(unchanged.rebuiltFromMonth != nil)
            let revenue = "select coalesce(sum(revenue), 0)::text from flywheel.monthly_kpis"
            let before = try #require(try connection.scalar(String.self, revenue))
            try connection.execute(
                """
                update events.payments set amount = amount * 2
                where payment_id = (select min(payment_id) from events.payments where kind = 'charge')
                """)
            let edited = try Computation(connection: connection, settings: Settings()).run(asOf: nil)
            #expect(edited.rebuiltFromMonth == nil)
            #expect(!edited.incrementalUsage)
            #expect(try connection.scalar(String.self, revenue) != before)
        }
    }

    /// Consecutive incremental computes with no full one in between (migration 0022): the groups of the months each
    /// rebuilds are in work.user_feature_months_recent, moved there from work.user_feature_months when late rows reach
    /// an earlier month, moved back when a later compute starts at a later month, and all put back when a compute is
    /// not month-incremental; the results are those of a full compute.
    @Test func recentUsageGroupsMoveBetweenTablesAcrossIncrementalComputes() throws {
        try TestDatabase.withConnection { connection in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fw-inc-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            let summary = try loadSyntheticData(connection, into: folder, users: 300, seed: 9)
            _ = try Computation(connection: connection, settings: Settings()).run(asOf: nil)
            let firstMonth = summary.firstMonth.description
            let lastMonth = summary.lastMonth.description
            let user = try #require(
                try connection.scalar(String.self, "select min(user_id) from flywheel.user_months where is_payer"))
            let model = try #require(try connection.scalar(String.self, "select min(model) from catalog.model_prices"))
            var events = 0
            /// Loads one call (or a payment when `payment`) and runs an incremental compute; returns where the recent
            /// groups start, how many groups of those months are still in work.user_feature_months, and whether
            /// groups were moved into the recent table (which the compute then vacuums).
            func load(_ day: String, payment: Bool = false) throws -> (
                rebuilt: String?, recentFrom: String?, left: Int, moved: Bool
            ) {
                events += 1
                let path = folder.appendingPathComponent((payment ? "payments" : "usage") + "-late-\(events).csv").path
                let text =
                    payment
                    ? "payment_id,user_id,occurred_at,kind,amount,currency,plan,interval\n"
                        + "late-ch-\(events),\(user),\(day)T00:00:00Z,charge,5.00,USD,pro,month\n"
                    : "event_id,user_id,occurred_at,feature,model,input_tokens,output_tokens\n"
                        + "late-\(events),\(user),\(day)T12:00:00Z,chat,\(model),100,200\n"
                try text.write(toFile: path, atomically: true, encoding: .utf8)
                _ = try Ingestion(connection: connection, settings: Settings()).load([path], kind: nil)
                let outcome = try Computation(connection: connection, settings: Settings()).run(asOf: nil)
                #expect(outcome.incrementalUsage)
                let recentFrom = try connection.scalar(
                    String.self, "select to_char(recent_from, 'YYYY-MM-DD') from work.usage_rollup_state")
                let left =
                    try connection.scalar(
                        Int.self,
                        "select count(*) from work.user_feature_months where month >= (select recent_from "
                            + "from work.usage_rollup_state)") ?? 0
                return (outcome.rebuiltFromMonth, recentFrom, left, outcome.movedUsageGroups)
            }
            let last = try load("\(lastMonth)-04")
            #expect(last.rebuilt == "\(lastMonth)-01" && last.recentFrom == "\(lastMonth)-01" && last.left == 0)
            #expect(last.moved)
            #expect(try connection.scalar(Int.self, "select count(*) from work.user_feature_months_recent") ?? 0 > 0)
            let late = try load("\(firstMonth)-06")
            #expect(late.rebuilt == "\(firstMonth)-01" && late.recentFrom == "\(firstMonth)-01" && late.left == 0)
            #expect(late.moved)
            let again = try load("\(lastMonth)-07")
            #expect(again.rebuilt == "\(lastMonth)-01" && again.recentFrom == "\(lastMonth)-01" && again.left == 0)
            #expect(!again.moved)
            #expect(
                try connection.scalar(
                    Int.self, "select count(*) from work.user_feature_months where month < '\(lastMonth)-01'") ?? 0 > 0)
            let afterMoves = try snapshot(connection)
            // A payment: not month-incremental, so every month goes back to work.user_feature_months.
            let paid = try load("\(lastMonth)-08", payment: true)
            #expect(paid.rebuilt == nil && paid.recentFrom == nil)
            #expect(try connection.scalar(Int.self, "select count(*) from work.user_feature_months_recent") == 0)
            let afterPayment = try snapshot(connection)
            _ = try Computation(connection: connection, settings: Settings()).run(asOf: nil, full: true)
            #expect(try snapshot(connection) == afterPayment)
            // The state after the moves, rebuilt in full without the payment, is the same too.
            try connection.execute("delete from events.payments where payment_id = 'late-ch-\(events)'")
            _ = try Computation(connection: connection, settings: Settings()).run(asOf: nil, full: true)
            #expect(try snapshot(connection) == afterMoves)
        }
    }

    /// The usage totals' state lost while the compute state is kept (a migration that adds a work table resets it):
    /// that compute prices every row again as a full one does, so the next incremental compute still matches a full
    /// one to the scale of every cost.
    @Test func repricingWithoutTheTotalsStateMatchesAFullCompute() throws {
        try TestDatabase.withConnection { connection in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fw-inc-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            let summary = try loadSyntheticData(connection, into: folder, users: 300, seed: 13)
            _ = try Computation(connection: connection, settings: Settings()).run(asOf: nil)
            try connection.execute("delete from work.usage_rollup_state")
            let repriced = try Computation(connection: connection, settings: Settings()).run(asOf: nil)
            #expect(!repriced.incrementalUsage)
            let lastMonth = summary.lastMonth.description
            let user = try #require(try connection.scalar(String.self, "select min(user_id) from flywheel.user_months"))
            let model = try #require(try connection.scalar(String.self, "select min(model) from catalog.model_prices"))
            #expect(
                try loadAndCompare(
                    connection, folder, "usage-after-reset.csv",
                    "event_id,user_id,occurred_at,feature,model,input_tokens,output_tokens\n"
                        + "reset-1,\(user),\(lastMonth)-09T12:00:00Z,chat,\(model),1234,567\n") == "\(lastMonth)-01")
        }
    }

    @Test func aPriceChangeForcesAFullRepricing() throws {
        try TestDatabase.withConnection { connection in
            try Migrator().migrate(connection)
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fw-inc-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            func write(_ name: String, _ text: String) throws -> String {
                let path = folder.appendingPathComponent(name).path
                try text.write(toFile: path, atomically: true, encoding: .utf8)
                return path
            }
            let ingestion = Ingestion(connection: connection, settings: Settings())
            _ = try ingestion.load(
                [
                    try write(
                        "model_prices.csv", "model,effective_from,input_per_mtok,output_per_mtok\nm,2026-01-01,1,2\n"),
                    try write(
                        "usage.csv",
                        "event_id,user_id,occurred_at,feature,model,input_tokens,output_tokens\ne1,u1,2026-01-05T00:00:00Z,chat,m,1000000,1000000\n"
                    ),
                ], kind: nil)
            _ = try Computation(connection: connection, settings: Settings()).run(asOf: nil)
            #expect(try connection.scalar(Decimal.self, "select cost from flywheel.user_months") == 3)
            _ = try ingestion.load(
                [
                    try write(
                        "model_prices-2.csv",
                        "model,effective_from,input_per_mtok,output_per_mtok\nm,2026-01-01,10,20\n")
                ],
                kind: nil)
            let outcome = try Computation(connection: connection, settings: Settings()).run(asOf: nil)
            #expect(!outcome.incrementalUsage)
            #expect(try connection.scalar(Decimal.self, "select cost from flywheel.user_months") == 30)
        }
    }
}
