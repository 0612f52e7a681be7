import FlywheelTestSupport
import Foundation
import Ingest
import Postgres
import Testing

@Suite("Loading files into the live server", .enabled(if: TestDatabase.isAvailable))
struct FileLoaderTests {
    @Test func identicalDuplicateWithinAFileIsCountedNotStored() throws {
        try LoadFixture.with { f in
            let result = try f.load(
                "usage-a.csv",
                usageHeader + "e1,u1,2026-01-05T10:00:00Z,chat,m,100,10,0,,\n"
                    + "e1,u1,2026-01-05T10:00:00Z,chat,m,100,10,0,,\n" + "e2,u1,2026-01-05T11:00:00Z,chat,m,5,1,,,\n")
            #expect(result.status == .loaded)
            #expect((result.rowsRead, result.rowsLoaded, result.rowsDuplicate, result.rowsQuarantined) == (3, 2, 1, 0))
            #expect(try f.count("events.usage") == 2)
            #expect(try f.ledgerBalances())
        }
    }

    @Test func sameContentAcrossFormatsOffsetsAndScalesIsADuplicate() throws {
        try LoadFixture.with { f in
            _ = try f.load(
                "payments-1.csv",
                "payment_id,user_id,occurred_at,kind,amount,currency,plan,interval\n"
                    + "p1,u1,2026-01-05T10:00:00Z,charge,19.99,USD,pro,month\n")
            let second = try f.load(
                "payments-2.jsonl",
                #"{"currency":"USD","payment_id":"p1","user_id":"u1","occurred_at":"2026-01-05 10:00:00+00:00","kind":"charge","amount":19.990,"plan":"pro","interval":"month","extra":1}"#
                    + "\n")
            #expect((second.rowsRead, second.rowsLoaded, second.rowsDuplicate, second.rowsQuarantined) == (1, 0, 1, 0))
            #expect(try f.count("events.payments") == 1)
        }
    }

    @Test func conflictingDuplicateAcrossFilesIsQuarantinedNamingTheFirst() throws {
        try LoadFixture.with { f in
            _ = try f.load("usage-1.csv", usageHeader + "e1,u1,2026-01-05T10:00:00Z,chat,m,100,10,0,,\n")
            let second = try f.load(
                "usage-2.csv",
                usageHeader + "e1,u1,2026-01-05T10:00:00Z,chat,m,999,10,0,,\n"
                    + (2...40).map { "x\($0),u1,2026-01-05T10:00:00Z,chat,m,1,1,0,,\n" }.joined())
            #expect(
                (second.rowsRead, second.rowsLoaded, second.rowsDuplicate, second.rowsQuarantined) == (40, 39, 0, 1))
            let q = try #require(try f.quarantine().first)
            #expect(q.reason == "conflicting_duplicate")
            #expect(q.line == 2)
            #expect(q.message.contains("usage-1.csv line 2"))
            #expect(
                try f.connection.scalar(Int.self, "select input_tokens from events.usage where event_id = 'e1'") == 100)
        }
    }

    @Test func conflictingDuplicateWithinAFileNamesTheFirstLine() throws {
        try LoadFixture.with { f in
            let rows = (1...30).map { "x\($0),u1,2026-01-05T10:00:00Z,chat,m,1,1,0,,\n" }.joined()
            let result = try f.load(
                "usage.csv",
                usageHeader + "e1,u1,2026-01-05T10:00:00Z,chat,m,100,10,0,,\n" + rows
                    + "e1,u1,2026-01-05T10:00:00Z,chat,m,100,11,0,,\n")
            #expect((result.rowsLoaded, result.rowsQuarantined) == (31, 1))
            let q = try #require(try f.quarantine().first)
            #expect(q.reason == "conflicting_duplicate")
            #expect(q.line == 33)
            #expect(q.message.contains("line 2 of this file"))
        }
    }

    @Test func sameBytesTwiceAreSkippedAndSameNameWithNewBytesLoads() throws {
        try LoadFixture.with { f in
            let text = usageHeader + "e1,u1,2026-01-05T10:00:00Z,chat,m,100,10,0,,\n"
            _ = try f.load("usage.csv", text)
            let again = try f.load("usage-copy.csv", text)
            #expect(again.status == .skipped)
            #expect((again.rowsRead, again.rowsLoaded) == (0, 0))
            #expect(again.message?.contains("usage.csv") == true)
            let grown = try f.load("usage.csv", text + "e2,u1,2026-01-06T10:00:00Z,chat,m,1,1,0,,\n")
            #expect(grown.status == .loaded)
            #expect((grown.rowsLoaded, grown.rowsDuplicate) == (1, 1))
            let statuses = try f.connection.query("select status from ingest.loads order by load_id").map {
                $0["status"]!
            }
            #expect(statuses == ["loaded", "skipped", "loaded"])
        }
    }

    @Test func missingRequiredColumnRejectsTheFileNamingIt() throws {
        try LoadFixture.with { f in
            let result = try f.load(
                "usage.csv",
                "event_id,user_id,occurred_at,feature,input_tokens,output_tokens\n"
                    + "e1,u1,2026-01-05T10:00:00Z,chat,1,1\n")
            #expect(result.status == .rejected)
            #expect(result.message?.contains("model") == true)
            #expect(try f.count("events.usage") == 0)
            #expect(try f.connection.scalar(String.self, "select status from ingest.loads") == "rejected")
        }
    }

    @Test func unknownColumnsAreIgnoredAndNamedOnce() throws {
        try LoadFixture.with { f in
            let result = try f.load(
                "features.csv", "feature,display_name,colour,value_per_call\nchat,Chat,red,0.01\nsearch,Search,blue,\n")
            #expect(result.status == .loaded)
            #expect(result.ignoredColumns == ["colour"])
            #expect(
                try f.connection.scalar(String.self, "select array_to_string(ignored_columns, ',') from ingest.loads")
                    == "colour")
            #expect(
                try f.connection.scalar(
                    String.self, "select value_per_call::text from catalog.features where feature = 'chat'") == "0.01")
        }
    }

    @Test func emptyFileIsRejectedAndHeaderOnlyFileLoadsNothing() throws {
        try LoadFixture.with { f in
            let empty = try f.load("usage-empty.csv", "")
            #expect(empty.status == .rejected)
            let headerOnly = try f.load("usage-header.csv", usageHeader)
            #expect(headerOnly.status == .loaded)
            #expect(headerOnly.rowsRead == 0)
        }
    }

    @Test func truncatedGzipIsRejectedWithNothingStored() throws {
        try LoadFixture.with { f in
            let plain = f.folder.appendingPathComponent("usage-z.csv")
            try Data((usageHeader + (1...2000).map { "e\($0),u1,2026-01-05T10:00:00Z,chat,m,1,1,0,,\n" }.joined()).utf8)
                .write(to: plain)
            let gzip = Process()
            gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
            gzip.arguments = ["-f", plain.path]
            try gzip.run()
            gzip.waitUntilExit()
            let full = try Data(contentsOf: URL(fileURLWithPath: plain.path + ".gz"))
            let truncated = try f.write("usage-t.csv.gz", bytes: Array(full.prefix(full.count / 2)))
            let result = try f.load(path: truncated)
            #expect(result.status == .rejected)
            #expect(result.message?.contains("gzip") == true)
            #expect(try f.count("events.usage") == 0)
            let whole = try f.load(path: plain.path + ".gz")
            #expect(whole.rowsLoaded == 2000)
        }
    }

    @Test func fileAboveTheBadRowThresholdIsRejectedKeepingItsQuarantine() throws {
        try LoadFixture.with { f in
            let good = (1...18).map { "e\($0),u1,2026-01-05T10:00:00Z,chat,m,1,1,0,,\n" }.joined()
            let result = try f.load(
                "usage.csv",
                usageHeader + good + "b1,u1,2026-02-30T10:00:00Z,chat,m,1,1,0,,\n"
                    + "b2,u1,2026-01-05T10:00:00Z,chat,m,-1,1,0,,\n")
            #expect(result.status == .rejected)
            #expect((result.rowsRead, result.rowsQuarantined) == (20, 2))
            #expect(result.balances)
            #expect(try f.count("events.usage") == 0)
            #expect(try f.quarantine().map(\.reason) == ["bad_timestamp", "out_of_range"])
            #expect(try f.connection.scalar(String.self, "select status from ingest.loads") == "rejected")
            // At exactly the threshold (1 of 20 = 5%) the file loads.
            let ok = try f.load(
                "usage-2.csv",
                usageHeader + good + "e19,u1,2026-01-05T10:00:00Z,chat,m,1,1,0,,\n"
                    + "b3,u1,nope,chat,m,1,1,0,,\n")
            #expect(ok.status == .loaded)
            #expect(try f.count("events.usage") == 19)
        }
    }

    @Test func nfcAndNfdNamesAreTheSameValue() throws {
        try LoadFixture.with { f in
            let nfc = "caf\u{E9}"
            let nfd = "cafe\u{301}"
            _ = try f.load("usage-1.csv", usageHeader + "e1,u1,2026-01-05T10:00:00Z,\(nfc),m,1,1,0,,\n")
            let second = try f.load("usage-2.csv", usageHeader + "e1,u1,2026-01-05T10:00:00Z,\(nfd),m,1,1,0,,\n")
            #expect(second.rowsDuplicate == 1)
            #expect(try f.connection.scalar(String.self, "select feature from events.usage") == nfc)
        }
    }

    @Test func servicePeriodEndingBeforeItStartsIsOutOfRange() throws {
        try LoadFixture.with { f in
            let good = (1...30).map { "p\($0),u1,2026-01-05T10:00:00Z,charge,10,USD,pro,month,,\n" }.joined()
            let result = try f.load(
                "payments.csv",
                "payment_id,user_id,occurred_at,kind,amount,currency,plan,interval,period_start,period_end\n" + good
                    + "bad,u1,2026-01-05T10:00:00Z,charge,10,USD,pro,month,2026-02-01,2026-01-15\n")
            #expect((result.rowsLoaded, result.rowsQuarantined) == (30, 1))
            let q = try #require(try f.quarantine().first)
            #expect((q.reason, q.field) == ("out_of_range", "period_end"))
        }
    }

    @Test func minorUnitsFollowTheCurrencyExponent() throws {
        try LoadFixture.with { f in
            _ = try f.load(
                "payments.csv",
                "payment_id,user_id,occurred_at,kind,amount_minor,currency,plan,interval\n"
                    + "p1,u1,2026-01-05T10:00:00Z,charge,500,JPY,pro,month\n"
                    + "p2,u1,2026-01-05T10:00:00Z,charge,1234,KWD,pro,month\n"
                    + "p3,u1,2026-01-05T10:00:00Z,charge,1999,USD,pro,month\n")
            let amounts = try f.connection.query("select amount::text as a from events.payments order by payment_id")
                .map { $0["a"]! }
            #expect(amounts == ["500", "1.234", "19.99"])
        }
    }

    @Test func bareDatesAreMidnightInTheReportingZoneAndNaiveTimesUseTheInputZone() throws {
        try LoadFixture.with { f in
            _ = try f.load(
                "users.csv", "user_id,signed_up_at\nu1,2026-03-01\n", reportingTimezone: "America/New_York")
            let signup = try f.connection.scalar(
                String.self, "select to_char(signed_up_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI') from events.users")
            #expect(signup == "2026-03-01 05:00")
            _ = try f.load(
                "usage.csv", usageHeader + "e1,u1,2026-07-01 12:00:00,chat,m,1,1,0,,\n", inputTimezone: "Europe/Paris")
            let occurred = try f.connection.scalar(
                String.self, "select to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI') from events.usage")
            #expect(occurred == "2026-07-01 10:00")
        }
    }

    @Test func referenceRowsAreReplacedByLaterFilesAndDefaultsApply() throws {
        try LoadFixture.with { f in
            _ = try f.load("users-1.csv", "user_id,signed_up_at,channel\nu1,2026-01-01T00:00:00Z,ads\n")
            _ = try f.load("users-2.csv", "user_id,signed_up_at,channel\nu1,2026-01-01T00:00:00Z,organic\n")
            #expect(try f.connection.scalar(String.self, "select channel from events.users") == "organic")
            _ = try f.load(
                "model_prices.csv",
                "model,effective_from,input_per_mtok,output_per_mtok\nm,2026-01-01T23:30:00-05:00,3,15\n")
            let price = try #require(
                try f.connection.query(
                    "select effective_from::text as d, cached_input_per_mtok::text as c, currency from catalog.model_prices"
                ).first)
            #expect(price["d"] == "2026-01-02")
            #expect(price["c"] == "3")
            #expect(price["currency"] == "USD")
        }
    }

    @Test func dryRunCountsButWritesNothing() throws {
        try LoadFixture.with { f in
            let result = try f.load(
                "usage.csv",
                usageHeader + "e1,u1,2026-01-05T10:00:00Z,chat,m,1,1,0,,\n"
                    + "e1,u1,2026-01-05T10:00:00Z,chat,m,1,1,0,,\n",
                dryRun: true)
            #expect((result.rowsRead, result.rowsLoaded, result.rowsDuplicate) == (2, 1, 1))
            #expect(try f.count("events.usage") == 0)
            #expect(try f.count("ingest.loads") == 0)
        }
    }
}

@Suite("Loading repeated keys", .enabled(if: TestDatabase.isAvailable))
struct RepeatedKeyTests {
    /// A key stored by an earlier file and repeated within the new file: every row is counted exactly once.
    @Test func aStoredKeyRepeatedWithinAFileIsCountedOnce() throws {
        try LoadFixture.with { f in
            _ = try f.load("usage-1.csv", usageHeader + "e1,u1,2026-01-05T10:00:00Z,chat,m,100,10,0,,\n")
            let filler = (1...40).map { "x\($0),u1,2026-01-05T10:00:00Z,chat,m,1,1,0,,\n" }.joined()
            let result = try f.load(
                "usage-2.csv",
                usageHeader + "e1,u1,2026-01-05T10:00:00Z,chat,m,100,10,0,,\n" + filler
                    + "e1,u1,2026-01-05T10:00:00Z,chat,m,100,10,0,,\n" + "e1,u1,2026-01-05T10:00:00Z,chat,m,7,10,0,,\n")
            #expect(
                (result.rowsRead, result.rowsLoaded, result.rowsDuplicate, result.rowsQuarantined) == (43, 40, 2, 1))
            #expect(result.balances)
            #expect(try f.count("events.usage") == 41)
            let q = try #require(try f.quarantine().first)
            #expect(q.message.contains("usage-1.csv line 2"))
        }
    }
}

/// New usage and feedback go straight into the event table; these check that every route gives the same outcome.
@Suite("Loading by the direct path", .enabled(if: TestDatabase.isAvailable))
struct DirectPathTests {
    static func usageRows(_ range: ClosedRange<Int>, prefix: String = "n") -> String {
        range.map { "\(prefix)\($0),u\($0 % 7),2026-01-05T10:00:00Z,chat,m,\($0),1,0,,\n" }.joined()
    }

    @Test func newDataGoesDirectAndRepeatsInTheFileAreSettled() throws {
        try LoadFixture.with { f in
            let result = try f.load(
                "usage.csv",
                usageHeader + Self.usageRows(1...50) + "n3,u3,2026-01-05T10:00:00Z,chat,m,3,1,0,,\n"
                    + "n4,u4,2026-01-05T10:00:00Z,chat,m,999,1,0,,\n" + "n3,u3,2026-01-05T10:00:00Z,chat,m,3,1,0,,\n")
            #expect(result.path == .direct)
            #expect(
                (result.rowsRead, result.rowsLoaded, result.rowsDuplicate, result.rowsQuarantined) == (53, 50, 2, 1))
            #expect(try f.count("events.usage") == 50)
            #expect(
                try f.connection.scalar(
                    Int.self, "select count(*) from events.usage where load_id = $1", [result.loadID])
                    == 50)
            let q = try #require(try f.quarantine().first)
            #expect(q.reason == "conflicting_duplicate")
            #expect(q.line == 53)
            #expect(q.message.contains("line 5 of this file"))
            #expect(
                try f.connection.scalar(Int.self, "select input_tokens from events.usage where event_id = 'n4'") == 4)
            #expect(try f.ledgerBalances())
        }
    }

    /// The probe samples the first 1000 keys; a stored key after them fails the direct COPY, which is rolled back
    /// and the file staged from the start: same counts, same rows, the conflict names the first file.
    @Test func aStoredKeyAfterTheSampledOnesFallsBackToStaging() throws {
        try LoadFixture.with { f in
            _ = try f.load(
                "usage-1.csv",
                usageHeader + "old1,u1,2026-01-05T10:00:00Z,chat,m,1,1,0,,\n"
                    + "old2,u1,2026-01-05T10:00:00Z,chat,m,2,1,0,,\n")
            let bad = "bad,u1,2026-02-30T10:00:00Z,chat,m,1,1,0,,\n"
            let result = try f.load(
                "usage-2.csv",
                usageHeader + bad + Self.usageRows(1...1200) + "old1,u1,2026-01-05T10:00:00Z,chat,m,1,1,0,,\n"
                    + "old2,u1,2026-01-05T10:00:00Z,chat,m,7,1,0,,\n" + Self.usageRows(1...2))
            #expect(result.path == .stagedAfterDirect)
            #expect(
                (result.rowsRead, result.rowsLoaded, result.rowsDuplicate, result.rowsQuarantined)
                    == (1205, 1200, 3, 2))
            #expect(try f.count("events.usage") == 1202)
            #expect(try f.quarantine().map(\.reason) == ["bad_timestamp", "conflicting_duplicate"])
            #expect(try f.quarantine().last?.message.contains("usage-1.csv line 3") == true)
            #expect(try f.ledgerBalances())
            // A re-sent file (its first keys stored) takes the digest path at once.
            let again = try f.load("usage-3.csv", usageHeader + Self.usageRows(1...1200))
            #expect(again.path == .digests)
            #expect((again.rowsLoaded, again.rowsDuplicate) == (0, 1200))
        }
    }

    /// Rejections flush between COPY segments (every 5000); the counts and rows still add up.
    @Test func manyRejectionsAreQuarantinedBetweenSegments() throws {
        try LoadFixture.with { f in
            let rows = (1...24_000).map {
                $0 % 2 == 0
                    ? "g\($0),u1,2026-01-05T10:00:00Z,chat,m,1,1,0,,\n"
                    : "b\($0),u1,2026-01-05T10:00:00Z,chat,m,-1,1,0,,\n"
            }.joined()
            let result = try f.load("usage.csv", usageHeader + rows, maxBadRowFraction: 0.6)
            #expect(result.path == .direct)
            #expect(result.status == .loaded)
            #expect((result.rowsRead, result.rowsLoaded, result.rowsQuarantined) == (24_000, 12_000, 12_000))
            #expect(try f.count("events.usage") == 12_000)
            #expect(try f.count("ingest.quarantine") == 12_000)
            // Above the threshold the directly copied rows are taken back.
            let rejected = try f.load("usage-2.csv", usageHeader + rows.replacingOccurrences(of: "g", with: "h"))
            #expect(rejected.status == .rejected)
            #expect(rejected.balances)
            #expect(try f.count("events.usage") == 12_000)
            #expect(try f.count("ingest.quarantine") == 24_000)
        }
    }

    @Test func feedbackTakesTheDirectPathAndPaymentsAreStaged() throws {
        try LoadFixture.with { f in
            let feedback = try f.load(
                "feedback.jsonl",
                (1...20).map {
                    #"{"event_id":"f\#($0)","user_id":"u1","occurred_at":"2026-01-05T10:00:00Z","feature":"chat","rating":5}"#
                        + "\n"
                }.joined()
                    + #"{"event_id":"f1","user_id":"u1","occurred_at":"2026-01-05T10:00:00Z","feature":"chat","rating":4}"#
                    + "\n")
            #expect(feedback.path == .direct)
            #expect((feedback.rowsLoaded, feedback.rowsQuarantined) == (20, 1))
            let payments = try f.load(
                "payments.csv",
                "payment_id,user_id,occurred_at,kind,amount,currency,plan,interval\n"
                    + "p1,u1,2026-01-05T10:00:00Z,charge,19.99,USD,pro,month\n")
            #expect(payments.path == .staged)
            #expect(payments.rowsLoaded == 1)
        }
    }
}

/// A re-sent usage or feedback file (its first keys stored) is matched by key and content digest; only rows that are
/// not plainly duplicates are read again in full. Every outcome must equal what staging the whole file gives.
@Suite("Loading a re-sent file by digests", .enabled(if: TestDatabase.isAvailable))
struct DigestPathTests {
    static let original = DirectPathTests.usageRows(1...30) + "c1,u1,2026-01-05T10:00:00Z,chat,m,1,1,0,0.50,EUR\n"

    @Test func aFileSentAgainIsAllDuplicates() throws {
        try LoadFixture.with { f in
            _ = try f.load("usage-1.csv", usageHeader + Self.original)
            let again = try f.load(
                "usage-2.csv", usageHeader + Self.original + "n2,u2,2026-01-05T10:00:00Z,chat,m,2,1,0,,\n")
            #expect(again.path == .digests)
            #expect((again.rowsRead, again.rowsLoaded, again.rowsDuplicate, again.rowsQuarantined) == (32, 0, 32, 0))
            #expect(try f.count("events.usage") == 31)
            #expect(try f.count("events.usage where content_hash is null") == 0)
            #expect(try f.ledgerBalances())
        }
    }

    /// New keys, a conflict, an in-file repeat of a new key, and the same amount written differently (0.5 vs 0.50:
    /// other digest, same value) in one re-sent file.
    @Test func rowsThatAreNotPlainDuplicatesAreSettledInFull() throws {
        try LoadFixture.with { f in
            _ = try f.load("usage-1.csv", usageHeader + Self.original)
            let again = try f.load(
                "usage-2.csv",
                usageHeader + DirectPathTests.usageRows(1...29) + "n30,u2,2026-01-05T10:00:00Z,chat,m,999,1,0,,\n"
                    + "c1,u1,2026-01-05T10:00:00Z,chat,m,1,1,0,0.5,EUR\n"
                    + "z1,u1,2026-01-05T10:00:00Z,chat,m,1,1,0,,\n"
                    + "z1,u1,2026-01-05T10:00:00Z,chat,m,1,1,0,,\n" + "z2,u1,2026-01-05T10:00:00Z,chat,m,1,1,0,,\n")
            #expect(again.path == .digests)
            #expect((again.rowsRead, again.rowsLoaded, again.rowsDuplicate, again.rowsQuarantined) == (34, 2, 31, 1))
            #expect(try f.count("events.usage") == 33)
            let q = try #require(try f.quarantine().first)
            #expect(q.reason == "conflicting_duplicate")
            #expect(q.line == 31)
            #expect(q.message.contains("usage-1.csv line 31"))
            #expect(try f.ledgerBalances())
        }
    }

    /// Rows stored without a digest (loaded before it existed) are compared column by column.
    @Test func storedRowsWithoutADigestAreComparedInFull() throws {
        try LoadFixture.with { f in
            _ = try f.load("usage-1.csv", usageHeader + Self.original)
            try f.connection.execute("update events.usage set content_hash = null")
            // Not the same bytes (those would be skipped): the rows again, in another order.
            let again = try f.load(
                "usage-2.csv",
                usageHeader + Self.original.split(separator: "\n").reversed().joined(separator: "\n") + "\n")
            #expect(again.path == .digests)
            #expect((again.rowsLoaded, again.rowsDuplicate, again.rowsQuarantined) == (0, 31, 0))
        }
    }

    /// Above the recheck bound the whole file is staged instead, with the same outcome.
    @Test func tooManyRowsToRecheckStagesTheWholeFile() throws {
        try LoadFixture.with { f in
            _ = try f.load("usage-1.csv", usageHeader + Self.original)
            let again = try f.load(
                "usage-2.csv", usageHeader + Self.original + DirectPathTests.usageRows(1...5, prefix: "m"),
                maxDigestRecheckRows: 4)
            #expect(again.path == .staged)
            #expect((again.rowsRead, again.rowsLoaded, again.rowsDuplicate) == (36, 5, 31))
            #expect(try f.count("events.usage") == 36)
        }
    }
}

extension DirectPathTests {
    /// A table re-keyed by hand (docs/scaling.md: partitioned by month, key (event_id, occurred_at)) has no unique
    /// index on event_id alone, which the direct path relies on: the loader stages instead, and still quarantines a
    /// stored event_id sent again with another time.
    @Test func withoutAUniqueKeyOnEventIDEveryFileIsStaged() throws {
        try LoadFixture.with { f in
            try f.connection.execute(
                "alter table events.usage drop constraint usage_pkey, add primary key (event_id, occurred_at)")
            _ = try f.load("usage-1.csv", usageHeader + Self.usageRows(1...3))
            let result = try f.load(
                "usage-2.csv",
                usageHeader + Self.usageRows(10...1200) + "n2,u2,2026-01-06T10:00:00Z,chat,m,2,1,0,,\n")
            #expect(result.path == .staged)
            #expect((result.rowsLoaded, result.rowsQuarantined) == (1191, 1))
            #expect(try f.quarantine().first?.reason == "conflicting_duplicate")
            #expect(try f.count("events.usage") == 1194)
        }
    }
}
