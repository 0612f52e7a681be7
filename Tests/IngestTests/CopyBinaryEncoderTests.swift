import Testing

@testable import Ingest

@Suite("COPY BINARY tuples from the loader's text rows")
struct CopyBinaryEncoderTests {
    static func micros(_ text: String) -> Int64? {
        Array(text.utf8).withUnsafeBufferPointer { CopyBinaryEncoder.timestampMicros($0) }
    }

    static func encode(_ row: String, types: [String]) -> [UInt8]? {
        let encoder = CopyBinaryEncoder(types: types)!
        var out = OutputBuffer(capacity: 16)
        defer { out.free() }
        let ok = Array(row.utf8).withUnsafeBufferPointer { encoder.append(row: $0, extra: (7, -1), to: &out) }
        return ok ? Array(out.bytes) : nil
    }

    @Test func timesWithAnOffsetBecomeMicrosecondsSince2000() {
        #expect(Self.micros("2000-01-01 00:00:00.000000+00:00") == 0)
        #expect(Self.micros("2000-01-01 05:30:00.000001+05:30") == 1)
        #expect(Self.micros("1999-12-31 16:00:00.000000-08:00") == 0)
        #expect(Self.micros("2026-01-05 10:00:00.500000+00:00") == 820_922_400_500_000)
        // Naive times name their zone, bare dates have no fraction: left to the server.
        #expect(Self.micros("2026-01-05 10:00:00.000000 Europe/Paris") == nil)
        #expect(Self.micros("2026-01-05 00:00:00") == nil)
        #expect(Self.micros("2026-02-30 10:00:00.000000+00:00") == nil)
    }

    @Test func aRowBecomesATupleWithItsExtraColumns() throws {
        let bytes = try #require(Self.encode("k\\\\1\t\\N\t42\t3", types: ["text", "text", "bigint", "smallint"]))
        let expected: [UInt8] =
            [0, 6]  // fields
            + [0, 0, 0, 3] + Array("k\\1".utf8)  // unescaped text
            + [0xFF, 0xFF, 0xFF, 0xFF]  // NULL
            + [0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 42]
            + [0, 0, 0, 2, 0, 3]
            + [0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 7]
            + [0, 0, 0, 8, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]
        #expect(bytes == expected)
    }

    @Test func whatCannotBeConvertedExactlyIsRefused() {
        #expect(Self.encode("a\tb", types: ["text"]) == nil)  // more fields than columns
        #expect(Self.encode("a", types: ["text", "text"]) == nil)  // fewer
        #expect(Self.encode("\\x41", types: ["text"]) == nil)  // an escape the renderer never writes
        #expect(Self.encode("9223372036854775808", types: ["bigint"]) == nil)
        #expect(Self.encode("40000", types: ["smallint"]) == nil)
        #expect(Self.encode("1e3", types: ["numeric"]) == nil)
        #expect(Self.encode("2026-01-05 10:00:00", types: ["timestamptz"]) == nil)
        #expect(CopyBinaryEncoder(types: ["date"]) == nil)
    }
}
