import Testing

@testable import Ingest

let paymentsHeader =
    "payment_id,user_id,occurred_at,kind,amount,amount_minor,currency,plan,interval,period_start,"
    + "period_end,refund_of\n"

/// One payments row (line 2): its COPY line or its rejection.
func paymentRow(_ row: String) throws -> (line: String?, rejection: Rejection?) {
    let (_, batch) = try read(paymentsHeader + row + "\n", file: "payments.csv")
    return (copyLines(batch).first, batch.rejections.first)
}

@Suite("Field rules: money, currencies and payments")
struct MoneyAndPaymentTests {
    @Test func rendersAFullCharge() throws {
        let r = try paymentRow(
            "p1,u1,2026-01-31T12:00:00Z,charge,19.99,,USD,pro,month,2026-02-01,2026-03-01T00:00:00+01:00,")
        #expect(
            r.line == "p1\tu1\t2026-01-31 12:00:00.000000+00:00\tcharge\t19.99\tUSD\tpro\tmonth\t2026-02-01 00:00:00\t"
                + "2026-03-01 00:00:00.000000+01:00\t\\N\t2")
    }

    @Test func currencyMustBeThreeUpperCaseLetters() throws {
        #expect(
            try paymentRow("p1,u1,2026-01-01T00:00:00Z,charge,5,,usd,pro,month,,,").rejection?.reason == .badCurrency)
        let us = try paymentRow("p1,u1,2026-01-01T00:00:00Z,charge,5,,US,pro,month,,,").rejection
        #expect(us?.reason == .badCurrency && us?.field == "currency")
        #expect(try usageRow("e1,u1,2026-01-01T00:00:00Z,chat,m,1,1,0,0.1,EURO").rejection?.reason == .badCurrency)
    }

    @Test func amountMinorUsesTheCurrencyExponent() throws {
        func amount(_ minor: String, _ currency: String) throws -> String? {
            try paymentRow("p1,u1,2026-01-01T00:00:00Z,charge,,\(minor),\(currency),,one_time,,,").line?
                .split(separator: "\t").map(String.init)[4]
        }
        #expect(try amount("1999", "USD") == "19.99")
        #expect(try amount("5", "USD") == "0.05")
        #expect(try amount("500", "JPY") == "500")
        #expect(try amount("1234", "KWD") == "1.234")
        #expect(try amount("12345", "CLF") == "1.2345")
        #expect(try amount("0", "EUR") == "0.00")
    }

    @Test func amountWinsOverAmountMinor() throws {
        let r = try paymentRow("p1,u1,2026-01-01T00:00:00Z,charge,10.50,999,USD,,one_time,,,")
        #expect(r.line?.split(separator: "\t").map(String.init)[4] == "10.50")
    }

    @Test func amountRules() throws {
        let none = try paymentRow("p1,u1,2026-01-01T00:00:00Z,charge,,,USD,,one_time,,,").rejection
        #expect(none?.reason == .missingField && none?.field == "amount")
        let negative = try paymentRow("p1,u1,2026-01-01T00:00:00Z,charge,-1.00,,USD,,one_time,,,").rejection
        #expect(negative?.reason == .outOfRange && negative?.field == "amount")
        #expect(
            try paymentRow("p1,u1,2026-01-01T00:00:00Z,charge,NaN,,USD,,one_time,,,").rejection?.reason == .badNumber)
        #expect(
            try paymentRow("p1,u1,2026-01-01T00:00:00Z,charge,\"1,213\",,USD,,one_time,,,").rejection?.reason
                == .badNumber)
        #expect(
            try paymentRow("p1,u1,2026-01-01T00:00:00Z,charge,,19.5,USD,,one_time,,,").rejection?.field
                == "amount_minor")
    }

    @Test func refundMustNameRefundOf() throws {
        let r = try paymentRow("r1,u1,2026-01-05T00:00:00Z,refund,19.99,,USD,,,,,").rejection
        #expect(r?.reason == .missingField && r?.field == "refund_of")
        let ok = try paymentRow("r1,u1,2026-01-05T00:00:00Z,Refund,19.99,,USD,,,,,p1").line
        #expect(ok == "r1\tu1\t2026-01-05 00:00:00.000000+00:00\trefund\t19.99\tUSD\t\\N\t\\N\t\\N\t\\N\tp1\t2")
    }

    @Test func chargeNeedsAKnownInterval() throws {
        let missing = try paymentRow("p1,u1,2026-01-01T00:00:00Z,charge,5,,USD,pro,,,,").rejection
        #expect(missing?.reason == .missingField && missing?.field == "interval")
        let weekly = try paymentRow("p1,u1,2026-01-01T00:00:00Z,charge,5,,USD,pro,weekly,,,").rejection
        #expect(weekly?.reason == .badEnum && weekly?.field == "interval")
        let kind = try paymentRow("p1,u1,2026-01-01T00:00:00Z,payment,5,,USD,pro,month,,,").rejection
        #expect(kind?.reason == .badEnum && kind?.field == "kind")
    }

    @Test func periodEndMustFollowItsStart() throws {
        let before = try paymentRow("p1,u1,2026-01-01T00:00:00Z,charge,5,,USD,pro,month,2026-02-01,2026-01-15,")
        #expect(before.rejection?.reason == .outOfRange && before.rejection?.field == "period_end")
        let equal = try paymentRow("p1,u1,2026-01-01T00:00:00Z,charge,5,,USD,pro,month,2026-02-01,2026-02-01,")
        #expect(equal.rejection?.reason == .outOfRange)
        // 10:00+02:00 is 08:00Z: equal instants are refused, one second later is fine.
        let sameInstant = try paymentRow(
            "p1,u1,2026-01-01T00:00:00Z,charge,5,,USD,pro,month,2026-02-01T10:00:00+02:00,2026-02-01T08:00:00Z,")
        #expect(sameInstant.rejection?.reason == .outOfRange)
        let later = try paymentRow(
            "p1,u1,2026-01-01T00:00:00Z,charge,5,,USD,pro,month,2026-02-01T10:00:00+02:00,2026-02-01T08:00:01Z,")
        #expect(later.rejection == nil)
        let vsOccurred = try paymentRow("p1,u1,2026-03-01T00:00:00Z,charge,5,,USD,pro,month,,2026-02-01,")
        #expect(vsOccurred.rejection?.reason == .outOfRange)
        let oneTime = try paymentRow("p1,u1,2026-03-01T00:00:00Z,charge,5,,USD,,one_time,2026-05-01,2026-02-01,")
        #expect(
            oneTime.line == "p1\tu1\t2026-03-01 00:00:00.000000+00:00\tcharge\t5\tUSD\t\\N\tone_time\t\\N\t\\N\t\\N\t2")
    }

    @Test func periodOrderDependingOnZoneRulesIsLeftToTheDatabase() throws {
        // A bare date (midnight, reporting zone) against an instant 4 hours earlier in UTC: the order depends
        // on the reporting zone's offset, which only PostgreSQL applies exactly, so the row passes here.
        let close = try paymentRow(
            "p1,u1,2026-01-01T00:00:00Z,charge,5,,USD,pro,month,2026-02-01,2026-02-01T05:00:00+09:00,")
        #expect(close.rejection == nil)
        #expect(close.line?.contains("\t2026-02-01 00:00:00\t2026-02-01 05:00:00.000000+09:00\t") == true)
        // Two naive values of the input zone 1 hour apart (DST could reorder them): also left to SQL;
        // an equal pair is refused here.
        let options = IngestOptions(inputTimeZone: "Europe/Berlin")
        let naive = try read(
            paymentsHeader
                + "p1,u1,2026-01-01T00:00:00Z,charge,5,,USD,pro,month,2026-03-29 03:30:00,2026-03-29 02:45:00,\n"
                + "p2,u1,2026-01-01T00:00:00Z,charge,5,,USD,pro,month,2026-03-29 03:30:00,2026-03-29T03:30:00,\n",
            file: "payments.csv", options: options
        ).1
        #expect(naive.rowCount == 1)
        #expect(naive.rejections.map(\.lineNumber) == [3])
    }
}
