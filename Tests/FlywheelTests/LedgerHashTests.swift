import FlywheelTestSupport
import Foundation
import Ingest
import Postgres
import Testing

/// A file is hashed before it is read only when an earlier file of its size is in the ledger; otherwise the hash
/// computed while loading is recorded. Either way the ledger names the file by its SHA-256 and skips known bytes.
@Suite("The ledger's file hashes", .enabled(if: TestDatabase.isAvailable))
struct LedgerHashTests {
    static func ledger(_ f: LoadFixture, _ loadID: Int64?) throws -> (sha256: String, bytes: Int64?) {
        let row = try #require(
            try f.connection.query("select sha256, file_bytes from ingest.loads where load_id = $1", [loadID]).first)
        return (row["sha256"] ?? "", try row.decode(Int64.self, "file_bytes"))
    }

    @Test func theLedgerRecordsTheHashAndSizeOfEveryFile() throws {
        try LoadFixture.with { f in
            let text = usageHeader + DirectPathTests.usageRows(1...5)
            let path = try f.write("usage-1.csv", text)
            let first = try f.load(path: path)
            #expect(first.status == .loaded)
            let expected = FileDigest.sha256Hex(bytes: Array(text.utf8))
            #expect(try Self.ledger(f, first.loadID) == (expected, Int64(text.utf8.count)))
            #expect(first.sha256 == expected)
            // Same bytes, another name: skipped.
            let again = try f.load("usage-2.csv", text)
            #expect(again.status == .skipped)
            #expect(again.message?.contains("usage-1.csv") == true)
            // Same size, other bytes: loaded, under its own hash.
            let twin = text.replacingOccurrences(of: "n5,", with: "n6,")
            let other = try f.load("usage-3.csv", twin)
            #expect(other.status == .loaded)
            #expect(try Self.ledger(f, other.loadID).sha256 == FileDigest.sha256Hex(bytes: Array(twin.utf8)))
            // A rejected file is hashed too, so the nightly run can pass over the same bytes later.
            let broken = "event_id,user_id\nx,y\n"
            let rejected = try f.load("usage-4.csv", broken)
            #expect(rejected.status == .rejected)
            #expect(
                try Self.ledger(f, rejected.loadID)
                    == (FileDigest.sha256Hex(bytes: Array(broken.utf8)), Int64(broken.utf8.count)))
            var settings = FileLoader.Settings()
            settings.skipPreviouslyRejected = true
            let path5 = try f.write("usage-5.csv", broken)
            let skipped = try FileLoader(connection: f.connection, settings: settings).load(path: path5)
            #expect(skipped.status == .skipped)
        }
    }
}
