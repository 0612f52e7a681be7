import FlywheelTestSupport
import Foundation
import Postgres
import Testing

@testable import Ingest

/// The direct path sends COPY BINARY tuples made from the loader's own text rows, and builds the key index after the
/// COPY when the file is at least as large as the table. Both must store exactly what the text path stores.
@Suite("Binary COPY and key rebuild on the direct path", .enabled(if: TestDatabase.isAvailable))
struct BinaryCopyTests {
    /// Values that exercise every conversion: escapes and non-ASCII text, offsets, rounded fractions, epoch
    /// seconds, decimals of every shape (exponent, leading and trailing zeros, many digits), NULL cost.
    static let variedRows = [
        #"a\1,u1,2026-01-05T10:00:00Z,chat,m,1,2,0,,"#,
        #"a2,"ü, ""quoted""",2026-01-05T10:00:00.1234567+05:30,chat,m,10,20,5,0,EUR"#,
        "a3,u3,1767607200,summary,m,0,0,0,0.0120,USD",
        "a4,u4,2026-12-31 23:59:59.999999-08:00,chat,m,9007199254740991,1,0,123456789.987654321,USD",
        "a5,u5,2026-01-05T10:00:00+0100,chat,m,1,1,1,1e-3,USD",
        "a6,u6,2026-02-28T00:00Z,chat,m,1,1,0,10000,USD",
        "a7,u7,2026-03-01T00:00:00-00:30,chat,m,1,1,0,0.00010000,USD",
        "a8,u8,2026-03-01T00:00:00Z,chat,m,1,1,0,100000000.0001,USD",
    ]

    static func contentDigest(_ connection: Connection) throws -> String? {
        try connection.scalar(
            String.self,
            """
            select md5(string_agg(row(event_id, user_id, occurred_at, feature, model, input_tokens, output_tokens,
                                      cached_input_tokens, cost, cost::text, cost_currency, line_number,
                                      content_hash)::text, '|' order by event_id))
            from events.usage
            """)
    }

    @Test func binaryRowsEqualWhatTheTextPathStores() throws {
        let file = usageHeader + Self.variedRows.joined(separator: "\n") + "\n"
        var direct: String?
        var staged: String?
        try LoadFixture.with { f in
            let result = try f.load("usage.csv", file)
            #expect(result.path == .direct)
            #expect((result.rowsLoaded, result.rowsQuarantined) == (8, 0))
            direct = try Self.contentDigest(f.connection)
            #expect(
                try f.connection.scalar(String.self, "select cost::text from events.usage where event_id = 'a7'")
                    == "0.00010000")
            #expect(
                try f.connection.scalar(
                    String.self, "select occurred_at::text from events.usage where event_id = 'a2'")
                    == "2026-01-05 04:30:00.123457+00")
        }
        try LoadFixture.with { f in
            // Without a unique key on event_id alone every file is staged, in text.
            try f.connection.execute(
                "alter table events.usage drop constraint usage_pkey, add primary key (event_id, occurred_at)")
            let result = try f.load("usage.csv", file)
            #expect(result.path == .staged)
            staged = try Self.contentDigest(f.connection)
        }
        #expect(direct != nil)
        #expect(direct == staged)
    }

    /// A time without an offset is the server's to resolve in `input_timezone`: such rows are set aside and staged
    /// in text; the rest go in binary. A repeat of a set-aside row is still a duplicate.
    @Test func naiveTimesAreStagedAndResolvedInTheirZone() throws {
        try LoadFixture.with { f in
            let result = try f.load(
                "usage.csv",
                usageHeader + DirectPathTests.usageRows(1...20) + "w1,u1,2026-07-01 12:00:00,chat,m,1,1,0,,\n"
                    + "w2,u1,2026-01-10 08:30:00,chat,m,1,1,0,,\n" + "w1,u1,2026-07-01 12:00:00,chat,m,1,1,0,,\n",
                inputTimezone: "Europe/Paris")
            #expect(result.path == .direct)
            #expect((result.rowsRead, result.rowsLoaded, result.rowsDuplicate) == (23, 22, 1))
            #expect(
                try f.connection.scalar(
                    String.self,
                    "select string_agg(occurred_at::text, ',' order by event_id) from events.usage where event_id like 'w%'"
                ) == "2026-07-01 10:00:00+00,2026-01-10 07:30:00+00")
            #expect(try f.ledgerBalances())
        }
    }

    static func primaryKey(_ f: LoadFixture) throws -> String? {
        try f.connection.scalar(
            String.self,
            """
            select conname || ' ' || pg_get_constraintdef(oid) from pg_constraint
            where conrelid = 'events.usage'::regclass and contype = 'p'
            """)
    }

    @Test func aFileLargerThanTheTableIsLoadedWithTheKeyBuiltAfter() throws {
        try LoadFixture.with { f in
            let first = try f.load(
                "usage-1.csv",
                usageHeader + DirectPathTests.usageRows(1...50) + "n3,u3,2026-01-05T10:00:00Z,chat,m,3,1,0,,\n"
                    + "n4,u4,2026-01-05T10:00:00Z,chat,m,999,1,0,,\n",
                minRowsForKeyRebuild: 10)
            #expect(first.path == .direct)
            #expect(first.keyRebuilt)
            #expect((first.rowsLoaded, first.rowsDuplicate, first.rowsQuarantined) == (50, 1, 1))
            #expect(try Self.primaryKey(f) == "usage_pkey PRIMARY KEY (event_id)")
            // Smaller than the table now: the index is kept and maintained.
            let second = try f.load(
                "usage-2.csv", usageHeader + DirectPathTests.usageRows(51...70), minRowsForKeyRebuild: 10)
            #expect(second.path == .direct)
            #expect(!second.keyRebuilt)
            #expect(try f.count("events.usage") == 70)
            #expect(try f.ledgerBalances())
        }
    }

    /// Without the index a stored key past the sampled ones is not stopped by the COPY; adding the key back is, and
    /// the file is staged from the start, as when the index was there.
    @Test func aStoredKeyFoundWhenTheKeyIsAddedBackStagesTheFile() throws {
        try LoadFixture.with { f in
            _ = try f.load(
                "usage-1.csv",
                usageHeader + "old1,u1,2026-01-05T10:00:00Z,chat,m,1,1,0,,\n"
                    + "old2,u1,2026-01-05T10:00:00Z,chat,m,2,1,0,,\n", minRowsForKeyRebuild: 0)
            let result = try f.load(
                "usage-2.csv",
                usageHeader + DirectPathTests.usageRows(1...1200) + "old1,u1,2026-01-05T10:00:00Z,chat,m,1,1,0,,\n"
                    + "old2,u1,2026-01-05T10:00:00Z,chat,m,7,1,0,,\n",
                minRowsForKeyRebuild: 10)
            #expect(result.path == .stagedAfterDirect)
            #expect(!result.keyRebuilt)
            #expect(
                (result.rowsRead, result.rowsLoaded, result.rowsDuplicate, result.rowsQuarantined) == (1202, 1200, 1, 1)
            )
            #expect(try f.count("events.usage") == 1202)
            #expect(try Self.primaryKey(f) == "usage_pkey PRIMARY KEY (event_id)")
            #expect(try f.ledgerBalances())
        }
    }

    /// A reader holding the table (here an open transaction that read it) keeps the index: the loader does not wait
    /// for the exclusive lock longer than its lock timeout.
    @Test func aReaderOfTheTableKeepsTheIndexInPlace() throws {
        try LoadFixture.with { f in
            let reader = try Connection(conninfo: f.conninfo)
            try reader.execute("begin; select count(*) from events.usage")
            let result = try f.load(
                "usage.csv", usageHeader + DirectPathTests.usageRows(1...40), minRowsForKeyRebuild: 10)
            try reader.execute("commit")
            #expect(result.path == .direct)
            #expect(!result.keyRebuilt)
            #expect(result.rowsLoaded == 40)
            #expect(try Self.primaryKey(f) == "usage_pkey PRIMARY KEY (event_id)")
        }
    }

    /// The encoder's numeric format, checked against the server's own `numeric_send`.
    @Test func numericTuplesMatchTheServersBinaryFormat() throws {
        try TestDatabase.withConnection { connection in
            for text in [
                "0", "0.0", "1", "10000", "9999", "12345", "0.0120", "0.0001", "0.00001", "123456789.987654321",
                "100000000.0001", "0.5", "-1.25", "-0", "99999999999999999999.99999999999999999999",
            ] {
                var out = OutputBuffer(capacity: 64)
                defer { out.free() }
                let ok = Array(text.utf8).withUnsafeBufferPointer { CopyBinaryEncoder.appendNumeric($0, to: &out) }
                #expect(ok)
                let mine = Array(out.bytes.dropFirst(4)).map { String(format: "%02x", $0) }.joined()
                let server = try connection.scalar(
                    String.self, "select encode(numeric_send($1::numeric), 'hex')", [text])
                #expect(mine == server, "\(text)")
            }
        }
    }
}
