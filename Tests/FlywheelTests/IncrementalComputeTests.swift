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

    func snapshot(_ connection: Connection) throws -> [String: String] {
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
            let incremental = try snapshot(connection)
            let full = try Computation(connection: connection, settings: settings).run(asOf: nil, full: true)
            #expect(!full.incrementalUsage)
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
