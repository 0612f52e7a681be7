import Foundation
import Testing

@testable import Ingest

/// gzip of "feature,value_per_call\nchat,0.5\nsearch,1\n" (made with Python's gzip, mtime 0).
let gzipFeatures: [UInt8] = [
    0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0x4b, 0x4b, 0x4d, 0x2c, 0x29, 0x2d, 0x4a, 0xd5, 0x29,
    0x4b, 0xcc, 0x29, 0x4d, 0x8d, 0x2f, 0x48, 0x2d, 0x8a, 0x4f, 0x4e, 0xcc, 0xc9, 0xe1, 0x4a, 0xce, 0x48, 0x2c, 0xd1,
    0x31, 0xd0, 0x33, 0xe5, 0x2a, 0x4e, 0x4d, 0x2c, 0x4a, 0xce, 0xd0, 0x31, 0xe4, 0x02, 0x00, 0x0b, 0x51, 0x15, 0x7b,
    0x29, 0x00, 0x00, 0x00,
]

@Suite("Byte streams: gzip and SHA-256")
struct StreamTests {
    @Test func gzipRoundTripAndDigestOfRawBytes() throws {
        let (reader, batch) = try read(bytes: gzipFeatures, file: "features.csv.gz")
        #expect(copyLines(batch) == ["chat\t\\N\t0.5\t2", "search\t\\N\t1\t3"])
        #expect(reader.sha256Hex == "77b58abd43325e0a8b115346a1df62d5d3a7605326d415bc7560cafaed5259ea")
    }

    @Test func concatenatedGzipMembersAreRead() throws {
        let options = IngestOptions(chunkBytes: 16)
        let (_, batch) = try read(bytes: gzipFeatures + gzipFeatures, file: "features.csv.gz", options: options)
        // The second member repeats the header line: a data row whose value_per_call is not a number.
        #expect(batch.rowCount == 4)
        #expect(batch.rejections.map(\.reason) == [.badNumber])
        #expect(batch.rejections.map(\.lineNumber) == [4])
    }

    @Test func truncatedGzipIsAFileError() throws {
        let cut = Array(gzipFeatures.prefix(40))
        #expect(throws: IngestError.corruptGzip(fileName: "features.csv.gz", detail: "unexpected end of data")) {
            try read(bytes: cut, file: "features.csv.gz")
        }
        var corrupt = gzipFeatures
        corrupt[20] ^= 0xFF
        #expect(throws: (any Error).self) { try read(bytes: corrupt, file: "features.csv.gz") }
        #expect(throws: IngestError.corruptGzip(fileName: "features.csv.gz", detail: "empty file")) {
            try read(bytes: [], file: "features.csv.gz")
        }
    }

    @Test func sha256OfKnownBytes() throws {
        // printf 'feature\nchat\n' | sha256sum
        let (reader, _) = try read("feature\nchat\n", file: "features.csv")
        #expect(reader.sha256Hex == "0b78ef723211cf15553587aa48a24b7f107d02f7c4c840cb9dbdd360b60e0f16")
        #expect(
            FileDigest.sha256Hex(bytes: Array("abc".utf8))
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func readsFilesFromDiskInBatches() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ingest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("usage-2026.csv").path
        var text = usageHeader
        for i in 0..<1000 { text += "e\(i),u\(i % 7),2026-01-01T00:00:00Z,chat,m,\(i),1,0,,\n" }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let reader = try IngestFileReader(path: path, options: IngestOptions(chunkBytes: 1000))
        #expect(reader.kind == .usage)
        var batch = CopyBatch()
        var batches = 0
        var rows = 0
        while !reader.isFinished {
            batch.removeAll()
            try reader.readBatch(into: &batch, targetBytes: 4096)
            batches += 1
            rows += batch.rowCount
        }
        #expect(rows == 1000)
        #expect(batches > 5)
        #expect(reader.sha256Hex == (try FileDigest.sha256Hex(path: path)))
        #expect(throws: IngestError.self) { try IngestFileReader(path: dir.appendingPathComponent("users.csv").path) }
    }
}

@Suite("Reader options")
struct ReaderOptionTests {
    @Test func zoneNamesMustBeWritableIntoCopyData() {
        #expect(throws: IngestError.invalidTimeZone("Europe/Berlin; drop")) {
            try IngestFileReader(
                bytes: [], fileName: "usage.jsonl", options: IngestOptions(inputTimeZone: "Europe/Berlin; drop"))
        }
    }

    @Test func explicitKindOverridesTheName() throws {
        let reader = try IngestFileReader(bytes: Array("feature\nchat\n".utf8), fileName: "export.csv", kind: .features)
        #expect(reader.kind == .features)
        #expect(try reader.readAll().rowCount == 1)
    }

    @Test func emptyJSONLinesFileHasNoRows() throws {
        let (reader, batch) = try read("", file: "usage.jsonl")
        #expect(batch.rowsRead == 0)
        #expect(reader.isFinished)
        #expect(reader.sha256Hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }
}
