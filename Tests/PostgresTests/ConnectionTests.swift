import FlywheelTestSupport
import Foundation
import Postgres
import Testing

@Suite("Connection against the live server", .enabled(if: TestDatabase.isAvailable))
struct ConnectionTests {
    @Test func parametersRoundTripIncludingNullUnicodeAndLargeText() throws {
        try TestDatabase.withConnection { connection in
            let large = String(repeating: "λx.", count: 400_000)
            let rows = try connection.query(
                "select $1::text as a, $2::text as b, $3::text as c, length($3::text) as n, $4::int8 as d",
                ["Zoë 🚀 日本", nil, large, Int64.max])
            let row = try #require(rows.first)
            #expect(row["a"] == "Zoë 🚀 日本")
            #expect(row["b"] == nil)
            #expect(row["c"] == large)
            #expect(try row.require(Int.self, "n") == 1_200_000)
            #expect(try row.require(Int64.self, "d") == Int64.max)
        }
    }

    @Test func decodesEveryType() throws {
        try TestDatabase.withConnection { connection in
            try connection.execute("set timezone = 'Asia/Kolkata'")
            let row = try #require(
                try connection.query(
                    """
                    select 'text'::text as s, 42::int8 as i, 2.5::float8 as d, 19.990::numeric as n, true as t,
                           false as f, '2026-01-31 12:00:00.123456+00'::timestamptz as ts, '2026-02-28'::date as dt,
                           null::int as missing
                    """
                ).first)
            #expect(try row.require(String.self, "s") == "text")
            #expect(try row.require(Int64.self, "i") == 42)
            #expect(try row.require(Double.self, "d") == 2.5)
            #expect(try row.require(String.self, "n") == "19.990")
            #expect(try row.require(Decimal.self, "n") == Decimal(string: "19.99"))
            #expect(try row.require(Bool.self, "t"))
            #expect(try !row.require(Bool.self, "f"))
            let timestamp = try row.require(Date.self, "ts")
            #expect(abs(timestamp.timeIntervalSince1970 - 1_769_860_800.123456) < 0.000_001)
            let date = try row.require(Date.self, "dt")
            #expect(date.timeIntervalSince1970 == 1_772_236_800)
            #expect(try row.decode(Int.self, "missing") == nil)
            #expect(throws: PostgresError.self) { try row.require(Int.self, "missing") }
            #expect(throws: PostgresError.self) { try row.require(Int.self, "s") }
        }
    }

    @Test func uniqueViolationCarriesSQLStateAndDetail() throws {
        try TestDatabase.withConnection { connection in
            try connection.execute("create table t (id text primary key)")
            try connection.execute("insert into t values ($1)", ["a"])
            let error = try #require(throws: PostgresError.self) {
                try connection.execute("insert into t values ($1)", ["a"])
            }
            #expect(error.sqlState == "23505")
            #expect(error.kind == .server)
            #expect(error.detail?.contains("already exists") == true)
            #expect(error.statement == "insert into t values ($1)")
        }
    }

    @Test func errorDescriptionLeaksNoParameterValues() throws {
        try TestDatabase.withConnection { connection in
            let error = try #require(throws: PostgresError.self) {
                try connection.query("select $1::int", ["secret-value-123"])
            }
            #expect(error.sqlState == "22P02")
            #expect(!error.description.contains("secret-value-123"))
        }
    }

    @Test func transactionRollsBackOnThrow() throws {
        struct Boom: Error {}
        try TestDatabase.withConnection { connection in
            try connection.execute("create table t (id int)")
            #expect(throws: Boom.self) {
                try connection.transaction {
                    try connection.execute("insert into t values (1)", [])
                    throw Boom()
                }
            }
            _ = try connection.transaction { try connection.execute("insert into t values (2)", []) }
            #expect(try connection.scalar(Int.self, "select sum(id) from t") == 2)
        }
    }

    @Test func advisoryLockIsRefusedToASecondSession() throws {
        try TestDatabase.withDatabase { conninfo in
            let first = try Connection(conninfo: conninfo)
            let second = try Connection(conninfo: conninfo)
            #expect(try first.tryAdvisoryLock(4242))
            #expect(try !second.tryAdvisoryLock(4242))
            try first.advisoryUnlock(4242)
            #expect(try second.tryAdvisoryLock(4242))
        }
    }

    @Test func quoteIdentifierEscapesQuotes() throws {
        try TestDatabase.withConnection { connection in
            let quoted = try connection.quoteIdentifier("we\"ird")
            #expect(quoted == "\"we\"\"ird\"")
        }
    }

    @Test func connectionRefusedIsClearAndHidesThePassword() throws {
        // Port 1 on loopback: nothing listens there.
        let conninfo = "postgresql://flywheel:hunter2-secret@127.0.0.1:1/flywheel?connect_timeout=2"
        let error = try #require(throws: PostgresError.self) { try Connection(conninfo: conninfo) }
        #expect(error.kind == .connectionFailed)
        #expect(error.description.contains("127.0.0.1"))
        #expect(!error.description.contains("hunter2"))
        #expect(!"\(error)".contains("hunter2"))
    }
}
