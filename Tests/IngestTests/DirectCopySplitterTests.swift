import Testing

@testable import Ingest

@Suite("Key filter and direct-path splitting")
struct DirectCopySplitterTests {
    @Test func theFilterNeverMissesAKeyItWasGiven() {
        var filter = KeyFilter(bits: 1 << 20)
        var generator = SystemRandomNumberGenerator()
        let hashes = (0..<50_000).map { _ in UInt64.random(in: .min ... .max, using: &generator) }
        var falsePositives = 0
        for h in hashes where !filter.insert(h) { falsePositives += 1 }
        var missed = 0
        for h in hashes where filter.insert(h) { missed += 1 }
        #expect(missed == 0)
        // 20 bits per key, three probes: about 0.05 % expected; far below 1 %.
        #expect(falsePositives < 500)
    }

    @Test func theFilterIsSizedByTheFileWithinBounds() {
        // Construction alone must not trap for tiny or huge files.
        var small = KeyFilter(fileBytes: 0, compressed: false)
        let first = small.insert(1)
        let second = small.insert(1)
        #expect(first && !second)
        var large = KeyFilter(fileBytes: 1 << 40, compressed: true)
        let fresh = large.insert(2)
        #expect(fresh)
    }

    static func digest(_ text: String) -> Int64 {
        Array(text.utf8).withUnsafeBufferPointer { DirectCopySplitter.digest($0) }
    }

    @Test func newKeysGetDigestAndLoadIDAndRepeatsAreSetAside() {
        let splitter = DirectCopySplitter(loadID: 42, withDigest: true, filter: KeyFilter(bits: 1 << 16))
        let data = Array("a\tx\t2\nb\ty\t3\na\tz\t4\nc\\tq\tw\t5\n".utf8)
        var direct: [UInt8] = []
        var repeats: [UInt8] = []
        splitter.split(data, direct: &direct, repeats: &repeats)
        let (x, y, z, w) = (Self.digest("x"), Self.digest("y"), Self.digest("z"), Self.digest("w"))
        #expect(
            String(decoding: direct, as: UTF8.self) == "a\tx\t2\t\(x)\t42\nb\ty\t3\t\(y)\t42\nc\\tq\tw\t5\t\(w)\t42\n")
        #expect(String(decoding: repeats, as: UTF8.self) == "a\tz\t4\t\(z)\n")
        #expect((splitter.directRows, splitter.repeatRows) == (3, 1))
    }

    @Test func stagingKeepsTheLineNumbersOfLaterOccurrences() {
        let splitter = DirectCopySplitter(loadID: 1, withDigest: false, filter: KeyFilter(bits: 1 << 16))
        var out: [UInt8] = []
        splitter.stage(Array("a\tx\t2\nb\ty\t3\n".utf8), into: &out)
        #expect(!splitter.mayRepeatKeys)
        splitter.stage(Array("b\tz\t17\na\tz\t1234\n".utf8), into: &out)
        #expect(String(decoding: out, as: UTF8.self) == "a\tx\t2\nb\ty\t3\nb\tz\t17\na\tz\t1234\n")
        #expect(splitter.mayRepeatKeys)
        #expect(splitter.repeatCandidates == [17, 1234])
    }

    @Test func narrowRowsAndPickedRows() {
        let data = Array("k1\tu\t2026\t5\nk2\tv\t2026\t6\nk3\tw\t2026\t9\nk1\tu\t2026\t12\n".utf8)
        let narrow = DirectCopySplitter(loadID: 1, withDigest: true, filter: KeyFilter(bits: 1 << 16))
        var out: [UInt8] = []
        var repeats: [UInt8] = []
        narrow.narrow(data, into: &out, repeats: &repeats)
        let (u, w) = (Self.digest("u\t2026"), Self.digest("w\t2026"))
        #expect(String(decoding: out, as: UTF8.self).hasPrefix("k1\t5\t\(u)\nk2\t6\t"))
        #expect(String(decoding: out, as: UTF8.self).hasSuffix("\nk1\t12\t\(u)\n"))
        // The later row of a key is also kept in full, for the staging table.
        #expect(String(decoding: repeats, as: UTF8.self) == "k1\tu\t2026\t12\t\(u)\n")
        let picker = DirectCopySplitter(loadID: 1, withDigest: true, filter: KeyFilter(bits: 1 << 16))
        picker.wanted = [5, 7, 9]
        out.removeAll()
        picker.pick(data, into: &out)
        #expect(String(decoding: out, as: UTF8.self) == "k1\tu\t2026\t5\t\(u)\nk3\tw\t2026\t9\t\(w)\n")
    }

    /// Stored digests must keep matching: the function may never change. These values were computed once by it.
    @Test func theDigestIsFixed() {
        #expect(Self.digest("") == Self.digest(""))
        #expect(
            Self.digest("u1\t2026-01-05 10:00:00+00:00\tchat") != Self.digest("u1\t2026-01-05 10:00:00+00:00\tchaT"))
        #expect(Self.digest("abcdefgh") != Self.digest("abcdefgh\0"))
        #expect(Self.digest("") == 8_180_439_261_159_539_183)
        #expect(
            Self.digest("u-000003\t2026-05-02 13:36:30.625+00:00\trewrite\torion-small\t824\t333\t0\t\\N\tUSD")
                == -2_786_421_431_907_624_582)
    }

    @Test func decimalsAreWrittenLikeSwiftDoes() {
        for value: Int64 in [0, 7, -7, 1_234_567_890, .max, .min] {
            var out: [UInt8] = []
            DirectCopySplitter.appendDecimal(value, to: &out)
            #expect(String(decoding: out, as: UTF8.self) == String(value))
        }
    }

    @Test func sampledKeysSkipEscapedOnes() {
        let keys = DirectCopySplitter.sampleKeys(Array("a\t1\nb\\tc\t2\nd\t3\ne\t4\n".utf8), limit: 2)
        #expect(keys == ["a", "d"])
    }
}
