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

    @Test func newKeysGetTheLoadIDAndRepeatsAreSetAside() {
        let splitter = DirectCopySplitter(loadID: 42, filter: KeyFilter(bits: 1 << 16))
        let data = Array("a\tx\t2\nb\ty\t3\na\tz\t4\nc\\tq\tw\t5\n".utf8)
        var direct: [UInt8] = []
        var repeats: [UInt8] = []
        splitter.split(data, direct: &direct, repeats: &repeats)
        #expect(String(decoding: direct, as: UTF8.self) == "a\tx\t2\t42\nb\ty\t3\t42\nc\\tq\tw\t5\t42\n")
        #expect(String(decoding: repeats, as: UTF8.self) == "a\tz\t4\n")
        #expect((splitter.directRows, splitter.repeatRows) == (3, 1))
    }

    @Test func notingKeysKeepsTheLineNumbersOfLaterOccurrences() {
        let splitter = DirectCopySplitter(loadID: 1, filter: KeyFilter(bits: 1 << 16))
        splitter.noteKeys(Array("a\tx\t2\nb\ty\t3\n".utf8))
        #expect(!splitter.mayRepeatKeys)
        splitter.noteKeys(Array("b\tz\t17\na\tz\t1234\n".utf8))
        #expect(splitter.mayRepeatKeys)
        #expect(splitter.repeatCandidates == [17, 1234])
    }

    @Test func sampledKeysSkipEscapedOnes() {
        let keys = DirectCopySplitter.sampleKeys(Array("a\t1\nb\\tc\t2\nd\t3\ne\t4\n".utf8), limit: 2)
        #expect(keys == ["a", "d"])
    }
}
