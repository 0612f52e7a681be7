import Foundation
import Testing
@testable import Report

@Suite struct ReportFormatterTests {
    func d(_ text: String) -> Decimal { Decimal(string: text)! }

    @Test func moneyUsesSymbolSeparatorsAndCurrencyDigits() {
        #expect(ReportFormatter(currency: "USD").money(d("1234567.891")) == "$1,234,567.89")
        #expect(ReportFormatter(currency: "EUR").money(d("1234567.895")) == "€1,234,567.90")
        #expect(ReportFormatter(currency: "GBP").money(d("-1234.5")) == "-£1,234.50")
        #expect(ReportFormatter(currency: "JPY").money(d("1234567.5")) == "¥1,234,568")
        #expect(ReportFormatter(currency: "KWD").money(d("12.3456")) == "KWD 12.346")
        #expect(ReportFormatter(currency: "USD").money(d("999")) == "$999.00")
        #expect(ReportFormatter(currency: "USD").money(nil) == "—")
    }

    @Test func smallAmountsKeepSignificantDecimals() {
        let usd = ReportFormatter(currency: "USD")
        #expect(usd.money(d("0.0042")) == "$0.0042")
        #expect(usd.money(d("0.5")) == "$0.50")
        #expect(usd.money(d("0.01234567")) == "$0.0123")
        #expect(usd.money(d("-0.00001")) == "$0.00")
        #expect(usd.money(0) == "$0.00")
    }

    @Test func compactMoneyAndCounts() {
        let usd = ReportFormatter(currency: "USD")
        #expect(usd.moneyCompact(d("45210")) == "$45.2k")
        #expect(usd.moneyCompact(d("9999.99")) == "$9,999.99")
        #expect(usd.moneyCompact(d("-1250000")) == "-$1.3M")
        #expect(usd.count(987) == "987")
        #expect(usd.count(9_876) == "9,876")
        #expect(usd.count(12_345) == "12.3k")
        #expect(usd.count(12_000) == "12k")
        #expect(usd.count(1_234_567) == "1.2M")
        #expect(usd.count(999_960) == "1M")
        #expect(usd.count(nil) == "—")
    }

    @Test func percentagesHaveOneDecimal() {
        let usd = ReportFormatter(currency: "USD")
        #expect(usd.percent(d("0.5555")) == "55.6%")
        #expect(usd.percent(d("0.0004")) == "0.0%")
        #expect(usd.percent(d("1.04")) == "104.0%")
        #expect(usd.percent(d("-0.123")) == "-12.3%")
        #expect(usd.percent(nil) == "—")
        #expect(usd.multiple(d("0.55552")) == "0.56×")
    }

    @Test func changesFromTheMonthBefore() {
        let usd = ReportFormatter(currency: "USD")
        #expect(usd.change(d("45210"), d("40250"), kind: .money) == "▲ $4,960.00 (+12.3%)")
        #expect(usd.change(d("90"), d("100"), kind: .count) == "▼ 10 (-10.0%)")
        #expect(usd.change(d("0.5552"), d("0.6159"), kind: .ratio) == "▼ 6.1 pts")
        #expect(usd.change(d("5"), d("0"), kind: .count) == "▲ 5")
        #expect(usd.change(d("0.5"), d("0.5"), kind: .ratio) == "no change")
        #expect(usd.change(d("1"), nil, kind: .money) == "—")
    }

    @Test func instantsInJSONAreUTC() {
        #expect(ReportFormatter.iso8601(Date(timeIntervalSince1970: 1_795_000_000)) == "2026-11-18T11:06:40Z")
        #expect(ReportFormatter.iso8601(Date(timeIntervalSince1970: 0.25)) == "1970-01-01T00:00:00.250000Z")
    }

    @Test func monthsParseAndStep() {
        #expect(ReportMonth("2026-11") == ReportMonth(year: 2026, month: 11))
        #expect(ReportMonth("2026-11-01")?.description == "2026-11")
        #expect(ReportMonth("2026-13") == nil)
        #expect(ReportMonth(year: 2026, month: 1).previous == ReportMonth(year: 2025, month: 12))
        #expect(ReportMonth(year: 2026, month: 11).adding(months: 14).description == "2028-01")
        #expect(ReportMonth(year: 2026, month: 11).months(since: ReportMonth(year: 2025, month: 12)) == 11)
        let latest = ReportMonth.latestComplete([
            (ReportMonth(year: 2026, month: 10), true), (ReportMonth(year: 2026, month: 11), false),
        ])
        #expect(latest == ReportMonth(year: 2026, month: 10))
    }
}
