import Foundation
import Testing
@testable import Report

/// Specific content of the report, with expected values worked out from the fixture by hand.
@Suite struct ReportContentTests {
    let markdown = ReportRenderer().markdown(ReportFixtures.full())

    @Test func sectionsFollowTheSpecOrder() {
        let headings = [
            "## 1. Headline", "## 2. The flywheel", "## 3. Features", "## 4. Plans", "## 5. Paying cohorts",
            "## 6. Monthly recurring revenue", "## 7. Data quality", "## 8. Definitions and settings",
        ]
        let positions = headings.map { markdown.range(of: $0)?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
    }

    @Test func headlineShowsValuesAndChanges() {
        // Revenue 45,210.00 vs 40,250.00: +4,960.00, 4,960 / 40,250 = 12.32%.
        #expect(markdown.contains("| Revenue | \\$45,210.00 | \\$40,250.00 | ▲ \\$4,960.00 (+12.3%) |"))
        // Margin 55.52% vs 61.59%: -6.07 points.
        #expect(markdown.contains("| Gross margin | 55.5% | 61.6% | ▼ 6.1 pts |"))
        // Cost rose 4,650.50 / 15,460 = 30.08%, the largest relative move of the headline.
        #expect(markdown.contains("What moved most: **inference cost**, up 30.1%"))
        #expect(markdown.contains("Only **9.9%** of users paid, below the **10.5%** needed"))
    }

    @Test func bottleneckIsHighlightedAndNamed() {
        #expect(markdown.contains("class A bottleneck"))
        #expect(markdown.contains("**Bottleneck: acquire.** 4.1% of the users who could convert"))
        // October's stage row must not leak into November.
        #expect(!markdown.contains("50.0%</b>"))
    }

    @Test func flaggedFeaturesComeFirstWithCaps() throws {
        let image = try #require(markdown.range(of: "| image\\_gen | 🔴 uncovered"))
        let summarize = try #require(markdown.range(of: "| summarize | 🟡 below target"))
        let chat = try #require(markdown.range(of: "| chat | 🟢 covered"))
        #expect(image.lowerBound < summarize.lowerBound && summarize.lowerBound < chat.lowerBound)
        #expect(
            markdown.contains(
                "- **image\\_gen**: allow free users **12 calls a month**; this saves **\\$6,400.25** of inference cost "
                    + "and affects 850 free users."))
        #expect(!markdown.contains("old\\_feature"))
        // Chart: costliest first (9,000.50, 6,000, 5,110), revenue by cost on the line.
        #expect(markdown.contains("x-axis [\"image_gen\", \"chat\", \"summarize\"]"))
        #expect(markdown.contains("bar [9000.5, 6000, 5110]"))
        #expect(markdown.contains("line [5000, 30000, 10210]"))
    }

    @Test func cohortsShowTheLastTwelveUpToTheReportMonth() {
        #expect(!markdown.contains("| 2025-10 |"))
        #expect(!markdown.contains("| 2025-11 |"))
        // Cohort 2025-12 (120 payers): months 0..11, 60% from month 4 on.
        #expect(markdown.contains("| 2025-12 | 120 | 🟩 100.0% | 🟩 85.0% | 🟨 72.0% | 🟨 65.0% | 🟨 60.0% |"))
        // Cohort 2026-09 (210 payers): months 0..2 only, then blanks; revenue so far 30 × (210 + 178 + 151) / 210.
        #expect(markdown.contains("| 2026-09 | 210 | 🟩 100.0% | 🟩 85.0% | 🟨 72.0% |   |"))
        #expect(markdown.contains("| \\$77.00 | \\$64.17 |"))
        #expect(markdown.contains("🟩 80% or more"))
    }

    @Test func mrrShowsTwelveMonthsEndingWithTheReportMonth() {
        #expect(!markdown.contains("| 2025-11 | \\$20,000.00"))
        #expect(markdown.contains("| 2025-12 | \\$21,450.00 |"))
        // November 2026: new 3,200 (2,000 + 12 × 100), churn -1,040 (-(800 + 12 × 20)).
        #expect(
            markdown.contains(
                "| **2026-11** | \\$42,680.00 | \\$3,200.00 | \\$100.00 | \\$300.00 | -\\$150.00 | "
                    + "-\\$1,040.00 | \\$45,090.00 |"))
        #expect(!markdown.contains("2026-12 |"))
    }

    @Test func dataQualityShowsExactCounts() {
        #expect(markdown.contains("| 1,250,000 | 1,248,000 | 1,500 | 500 |"))
        #expect(markdown.contains("| bad\\_timestamp | 300 |\n| missing\\_field | 200 |"))
        #expect(markdown.contains("Rejected: usage\\-2026\\-11\\-02\\.csv."))
        #expect(markdown.contains("months since the last report: 2026-09."))
        #expect(markdown.contains("| usage | 2026-12-03 07:59 | under an hour |"))
    }

    @Test func emptySectionsSayWhy() {
        let empty = ReportRenderer().markdown(ReportFixtures.empty)
        #expect(empty.contains("No payers yet, so there are no paying cohorts to follow."))
        #expect(empty.contains("No feature was used in November 2026"))
        #expect(empty.contains("No subscription revenue yet, so there is no MRR to break down."))
        #expect(empty.contains("No files have been loaded yet."))
        #expect(empty.contains("No user paid in November 2026, so there is no break-even paid share yet."))
        #expect(!empty.contains("```mermaid"))
        for number in 1...8 { #expect(empty.contains("## \(number). ")) }
        let nothing = ReportRenderer().markdown(ReportData(settings: ReportFixtures.settings()))
        #expect(nothing.contains("No figures for November 2026"))
    }

    @Test func currencyFollowsTheSettings() {
        let euro = ReportRenderer().markdown(ReportFixtures.full(currency: "EUR"))
        #expect(euro.contains("| Revenue | €45,210.00 | €40,250.00 | ▲ €4,960.00 (+12.3%) |"))
        let yen = ReportRenderer().markdown(ReportFixtures.full(currency: "JPY"))
        #expect(yen.contains("| Revenue | ¥45,210 | ¥40,250 | ▲ ¥4,960 (+12.3%) |"))
    }

    @Test func jsonCarriesTheSameNumbersExactly() throws {
        let data = try ReportRenderer().json(ReportFixtures.full())
        let text = String(decoding: data, as: UTF8.self)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["schema_version"] as? Int == 1)
        #expect(object["report_month"] as? String == "2026-11")
        let kpis = try #require(object["kpis"] as? [String: Any])
        #expect(kpis["payers"] as? Int == 1234)
        // Unrounded decimals as JSON numbers, not strings or floats.
        #expect(text.contains("\"arppu\": 36.636952998379254457050243111831442"))
        #expect(text.contains("\"revenue\": 45210,"))
        let headline = try #require(object["headline"] as? [[String: Any]])
        #expect(headline.first?["metric"] as? String == "revenue")
        #expect(text.contains("\"change\": 4960,"))
        let loop = try #require(object["loop"] as? [String: Any])
        #expect(loop["bottleneck"] as? String == "acquire")
        let features = try #require(object["features"] as? [[String: Any]])
        #expect(features.map { $0["feature"] as? String } == ["image_gen", "summarize", "chat"])
        #expect((object["cohorts"] as? [Any])?.count == 12)
        #expect((object["mrr_movements"] as? [Any])?.count == 12)
        // Keys sorted at every level.
        #expect(text.range(of: "\"cohorts\"")!.lowerBound < text.range(of: "\"data_quality\"")!.lowerBound)
    }

    @Test func reportDataRoundTripsThroughCodable() throws {
        let data = ReportFixtures.full()
        let encoded = try JSONEncoder().encode(data)
        #expect(try JSONDecoder().decode(ReportData.self, from: encoded) == data)
    }
}
