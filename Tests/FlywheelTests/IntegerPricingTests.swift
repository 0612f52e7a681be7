import FlywheelTestSupport
import Foundation
import Ingest
import Postgres
import Testing

@testable import Flywheel

/// 20_usage_cost sums priced calls in integers (tokens x price x 10^S) when that is exact and cannot overflow, and in
/// numeric otherwise. Both must give the exact cost; the expected values are worked out by hand below.
@Suite("Integer pricing of calls against the live server", .enabled(if: TestDatabase.isAvailable))
struct IntegerPricingTests {
    /// Prices per Mtok: input 1.25, cached input 0.125, output 10 (per token 0.00000125, 0.000000125 and 0.00001:
    /// up to 9 decimals).
    static let prices = """
        model,effective_from,input_per_mtok,output_per_mtok,cached_input_per_mtok
        m,2026-01-01,1.25,10,0.125

        """

    func load(_ connection: Connection, _ files: [String: String]) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fw-int-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let paths = try files.keys.sorted().map { name in
            let path = folder.appendingPathComponent(name).path
            try files[name]!.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
        _ = try Ingestion(connection: connection, settings: Settings()).load(paths, kind: nil)
    }

    /// Migrates, loads the prices and `usage`, and computes (a full compute: the first one).
    func computeWithPrices(_ connection: Connection, usage: String) throws -> Computation.Outcome {
        try Migrator().migrate(connection)
        try load(connection, ["model_prices.csv": Self.prices, "usage.csv": usage])
        let outcome = try Computation(connection: connection, settings: Settings()).run(asOf: nil)
        #expect(outcome.warnings.isEmpty)
        return outcome
    }

    func cost(_ connection: Connection, _ user: String) throws -> Decimal? {
        try connection.scalar(Decimal.self, "select cost from flywheel.user_months where user_id = $1", [user])
    }

    @Test func smallTokenCountsArePricedExactly() throws {
        try TestDatabase.withConnection { connection in
            // u1: (1,000,003 - 7) x 0.00000125 + 7 x 0.000000125 + 11 x 0.00001 = 1.249995 + 0.000000875 + 0.00011
            //     = 1.250105875; and 3 x 0.00000125 + 2 x 0.00001 = 0.00002375; in all 1.250129625.
            // u2: a provided cost of 0.5 USD (no price involved) and 4 output tokens: 0.5 + 0.00004 = 0.50004.
            _ = try computeWithPrices(
                connection,
                usage: """
                    event_id,user_id,occurred_at,feature,model,input_tokens,output_tokens,cached_input_tokens,cost
                    e1,u1,2026-01-05T00:00:00Z,chat,m,1000003,11,7,
                    e2,u1,2026-01-06T00:00:00Z,chat,m,3,2,0,
                    e3,u2,2026-01-07T00:00:00Z,chat,m,100,0,0,0.5
                    e4,u2,2026-01-08T00:00:00Z,chat,m,0,4,0,

                    """)
            #expect(try cost(connection, "u1") == Decimal(string: "1.250129625"))
            #expect(try cost(connection, "u2") == Decimal(string: "0.50004"))
            // An incremental compute adds a call to the stored totals, priced the same way.
            try load(
                connection,
                [
                    "usage-2.csv": """
                    event_id,user_id,occurred_at,feature,model,input_tokens,output_tokens,cached_input_tokens
                    e5,u1,2026-01-09T00:00:00Z,chat,m,8,0,8

                    """
                ])
            let next = try Computation(connection: connection, settings: Settings()).run(asOf: nil)
            #expect(next.incrementalUsage)
            // + 8 x 0.000000125 = 0.000001
            #expect(try cost(connection, "u1") == Decimal(string: "1.250130625"))
        }
    }

    @Test func tokenCountsBeyondTheIntegerBoundArePricedInNumeric() throws {
        try TestDatabase.withConnection { connection in
            // 9e15 input tokens (the most SPEC allows is below 2^53) x 0.00000125 = 11,250,000,000 and 9e15 output
            // tokens x 0.00001 = 90,000,000,000. The bound, 3 rows x 1.8e16 tokens x 10,000 (the largest price x
            // 10^9), is past bigint's range, so these calls take the numeric sum; the totals are exact all the same.
            // In all 101,250,000,000 plus 1 input token (0.00000125).
            _ = try computeWithPrices(
                connection,
                usage: """
                    event_id,user_id,occurred_at,feature,model,input_tokens,output_tokens
                    e1,u1,2026-01-05T00:00:00Z,chat,m,9000000000000000,0
                    e2,u1,2026-01-06T00:00:00Z,chat,m,0,9000000000000000
                    e3,u1,2026-01-07T00:00:00Z,chat,m,1,0

                    """)
            #expect(try cost(connection, "u1") == Decimal(string: "101250000000.00000125"))
            let full = try Computation(connection: connection, settings: Settings()).run(asOf: nil, full: true)
            #expect(full.warnings.isEmpty)
            #expect(try cost(connection, "u1") == Decimal(string: "101250000000.00000125"))
        }
    }
}
