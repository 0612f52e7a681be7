import Testing

@testable import Ingest

@Suite("Field rules: numbers and timestamps")
struct FieldRuleTests {
    @Test func notANumberAndThousandsSeparators() throws {
        let nan = try usageWithInput("NaN")
        #expect(nan.1?.reason == .badNumber && nan.1?.field == "input_tokens")
        let sep = try usageWithInput("1,213")
        #expect(sep.1?.reason == .badNumber)
        #expect(sep.1?.raw == "e1,u1,2026-01-01T00:00:00Z,chat,m1,\"1,213\",5,0,,")
    }

    @Test func integerLimits() throws {
        #expect(try usageWithInput("9223372036854775808").1?.reason == .badNumber)  // 2^63
        #expect(try usageWithInput("99999999999999999999999").1?.reason == .badNumber)
        #expect(try usageWithInput("9007199254740992").1?.reason == .outOfRange)  // 2^53
        #expect(try usageWithInput("9223372036854775807").1?.reason == .outOfRange)  // 2^63 - 1
        #expect(try usageWithInput("9007199254740991").0 == "9007199254740991")  // 2^53 - 1
    }

    @Test func negativeTokensAreOutOfRange() throws {
        let r = try usageWithInput("-5")
        #expect(r.1?.reason == .outOfRange)
        #expect(r.1?.field == "input_tokens")
    }

    @Test func integralDecimalsAreIntegersOthersAreNot() throws {
        #expect(try usageWithInput("12.0").0 == "12")
        #expect(try usageWithInput("1.2e1").0 == "12")
        #expect(try usageWithInput(" 007 ").0 == "7")
        #expect(try usageWithInput("12.5").1?.reason == .badNumber)
    }

    @Test func cachedTokensCannotExceedInput() throws {
        let r = try usageRow("e1,u1,2026-01-01T00:00:00Z,chat,m,10,5,11,,")
        #expect(r.rejection?.reason == .outOfRange)
        #expect(r.rejection?.field == "cached_input_tokens")
        #expect(try usageRow("e1,u1,2026-01-01T00:00:00Z,chat,m,10,5,10,,").rejection == nil)
    }

    @Test func timestampWithoutOffsetNeedsInputTimeZone() throws {
        let plain = try usageWithTime("2026-03-29 02:30:00")
        #expect(plain.1?.reason == .badTimestamp)
        #expect(plain.1?.field == "occurred_at")
        let zoned = try usageWithTime("2026-03-29T02:30:00.5", options: IngestOptions(inputTimeZone: "Europe/Berlin"))
        #expect(zoned.0 == "2026-03-29 02:30:00.500000 Europe/Berlin")
    }

    @Test func epochSecondsAndMilliseconds() throws {
        #expect(try usageWithTime("1764410400").0 == "2025-11-29 10:00:00.000000+00:00")
        #expect(try usageWithTime("1764410400.5").0 == "2025-11-29 10:00:00.500000+00:00")
        #expect(try usageWithTime("1764410400123").0 == "2025-11-29 10:00:00.123000+00:00")
        #expect(try usageWithTime("99999999999").0 == "5138-11-16 09:46:39.000000+00:00")
        #expect(try usageWithTime("100000000000000").1?.reason == .badTimestamp)
        #expect(try usageWithTime("-1").1?.reason == .badTimestamp)
    }

    @Test func calendarValidity() throws {
        #expect(try usageWithTime("2026-02-30T10:00:00Z").1?.reason == .badTimestamp)
        #expect(try usageWithTime("2026-13-01T10:00:00Z").1?.reason == .badTimestamp)
        #expect(try usageWithTime("2026-01-01T24:00:00Z").1?.reason == .badTimestamp)
        #expect(try usageWithTime("2024-02-29T10:00:00Z").0 == "2024-02-29 10:00:00.000000+00:00")
        #expect(try usageWithTime("yesterday").1?.reason == .badTimestamp)
    }

    @Test func moreThanSixFractionalDigitsRoundHalfEven() throws {
        #expect(try usageWithTime("2026-01-01T00:00:00.1234565Z").0 == "2026-01-01 00:00:00.123456+00:00")
        #expect(try usageWithTime("2026-01-01T00:00:00.1234575Z").0 == "2026-01-01 00:00:00.123458+00:00")
        #expect(try usageWithTime("2026-01-01T00:00:00.12345651Z").0 == "2026-01-01 00:00:00.123457+00:00")
        #expect(try usageWithTime("2026-01-01T00:00:00.1234564Z").0 == "2026-01-01 00:00:00.123456+00:00")
        #expect(try usageWithTime("2026-12-31T23:59:59.9999995Z").0 == "2027-01-01 00:00:00.000000+00:00")
    }

    @Test func offsetsAndSeparators() throws {
        #expect(try usageWithTime("2026-01-01T10:00:00+05:30").0 == "2026-01-01 10:00:00.000000+05:30")
        #expect(try usageWithTime("2026-01-01 10:00:00.25-0800").0 == "2026-01-01 10:00:00.250000-08:00")
        #expect(try usageWithTime("2026-01-01 10:00:00+01").0 == "2026-01-01 10:00:00.000000+01:00")
        #expect(try usageWithTime("2026-01-01t10:00:00z").0 == "2026-01-01 10:00:00.000000+00:00")
        #expect(try usageWithTime("2026-01-01T10:00:00+16:00").1?.reason == .badTimestamp)
    }

    @Test func bareDatesOnlyWhereAllowed() throws {
        #expect(try usageWithTime("2026-01-05").1?.reason == .badTimestamp)
        let (_, users) = try read(
            "user_id,signed_up_at,channel\nu1,2026-01-05,ads\nu2,2026-01-05T08:00:00Z,\n",
            file: "users.csv")
        #expect(
            copyLines(users) == [
                "u1\t2026-01-05 00:00:00\tads\t\\N\t2", "u2\t2026-01-05 08:00:00.000000+00:00\t\\N\t\\N\t3",
            ])
    }
}
