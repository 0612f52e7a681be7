import Foundation
import Testing
@testable import SyntheticData

@Suite("Generator internals")
struct InternalsTests {
    @Test("calendar months clamp the day like PostgreSQL's timestamptz + interval")
    func addMonths() {
        let jan31 = CivilTime.days(year: 2026, month: 1, day: 31) * CivilTime.microsPerDay + 3_600_000_000
        let feb28 = CivilTime.days(year: 2026, month: 2, day: 28) * CivilTime.microsPerDay + 3_600_000_000
        #expect(CivilTime.addMonths(jan31, 1) == feb28)
        let leap = CivilTime.days(year: 2024, month: 2, day: 29) * CivilTime.microsPerDay
        #expect(CivilTime.addMonths(CivilTime.days(year: 2024, month: 1, day: 31) * CivilTime.microsPerDay, 1) == leap)
        #expect(
            CivilTime.addMonths(CivilTime.days(year: 2025, month: 11, day: 15) * CivilTime.microsPerDay, 3)
                == CivilTime.days(year: 2026, month: 2, day: 15) * CivilTime.microsPerDay)
        // 2026-01-01 is day 20454 after 1970-01-01 (56 years, 14 leap days: 56 × 365 + 14).
        #expect(CivilTime.days(year: 2026, month: 1, day: 1) == 20_454)
        #expect(CivilTime.civil(days: 20_454) == (2026, 1, 1))
        #expect(CivilTime.weekday(days: 20_454) == 3)  // a Thursday
    }

    private func written(_ body: (ByteWriter) -> Void) throws -> String {
        let url = temporaryDirectory("writer")
        let writer = try ByteWriter(url: url)
        body(writer)
        try writer.finish()
        defer { try? FileManager.default.removeItem(at: url) }
        return try String(contentsOf: url, encoding: .utf8)
    }

    @Test("decimals are formatted from integers")
    func decimals() throws {
        #expect(try written { $0.decimal(1_999, scale: 2) } == "19.99")
        #expect(try written { $0.decimal(2_000, scale: 2) } == "20.00")
        #expect(try written { $0.decimal(2_000, scale: 2, trim: true) } == "20")
        #expect(try written { $0.decimal(250_000, scale: 6, trim: true) } == "0.25")
        #expect(try written { $0.decimal(5, scale: 6) } == "0.000005")
        #expect(try written { $0.decimal(500, scale: 0) } == "500")
    }

    @Test("timestamps: Z, fractions and offsets name the same instant")
    func timestamps() throws {
        // 2026-05-31T23:30:00.123456Z
        let instant =
            CivilTime.days(year: 2026, month: 5, day: 31) * CivilTime.microsPerDay
            + (23 * 3_600 + 30 * 60) * 1_000_000 + 123_456
        #expect(try written { $0.timestamp(instant, style: .utc) } == "2026-05-31T23:30:00Z")
        #expect(
            try written { $0.timestamp(instant, style: TimeStyle(fraction: .millis)) }
                == "2026-05-31T23:30:00.123Z")
        #expect(
            try written { $0.timestamp(instant, style: TimeStyle(fraction: .micros, offsetMinutes: 120)) }
                == "2026-06-01T01:30:00.123456+02:00")
        #expect(
            try written { $0.timestamp(instant, style: TimeStyle(offsetMinutes: -300)) }
                == "2026-05-31T18:30:00-05:00")
        #expect(
            try written { $0.timestamp(instant, style: TimeStyle(explicitZeroOffset: true)) }
                == "2026-05-31T23:30:00+00:00")
    }

    @Test("CSV fields are quoted only when needed; JSON strings are escaped")
    func escaping() throws {
        #expect(try written { $0.csvField("plain") } == "plain")
        #expect(try written { $0.csvField("a, \"b\"") } == "\"a, \"\"b\"\"\"")
        #expect(try written { $0.csvField("two\nlines") } == "\"two\nlines\"")
        #expect(try written { $0.jsonString("say \"hi\"\\\n\u{01}é") } == "\"say \\\"hi\\\"\\\\\\n\\u0001é\"")
    }

    @Test("the random streams are fixed: the first xoshiro256** output for seed 0")
    func rngStability() {
        // SplitMix64 from state 0 gives e220a8397b1dcdaf, 6e789e6aa1b965f4, 06c45d188009454f, f88bb8a8724c81ec;
        // xoshiro256**'s first output is rotl(s1 * 5, 7) * 9 on the second of them.
        var rng = Rng(seed: 0)
        let s1: UInt64 = 0x6E78_9E6A_A1B9_65F4
        let product = s1 &* 5
        let expected = ((product << 7) | (product >> 57)) &* 9
        #expect(rng.next() == expected)
        var a = Rng(seed: 7, 1, 2)
        var b = Rng(seed: 7, 1, 3)
        #expect(a.next() != b.next())
    }
}
