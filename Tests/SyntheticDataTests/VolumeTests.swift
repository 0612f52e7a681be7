import Foundation
import Testing
import SyntheticData

@Suite("Volumes and shape")
struct VolumeTests {
    let data = GeneratedDataset.shared

    @Test("usage rows are close to the requested 40000 (plus 15 re-sent rows)")
    func usageRowCount() throws {
        let rows = try data.usageRecords().count
        #expect(rows == data.summary.rows(ofKind: "usage"))
        #expect(rows >= 38_000 && rows <= 42_000, "got \(rows)")
    }

    @Test("without a row target, about five usage rows per user and month")
    func defaultVolume() throws {
        let directory = temporaryDirectory("default")
        defer { try? FileManager.default.removeItem(at: directory) }
        let summary = try SyntheticDataGenerator(options: GeneratorOptions(users: 400, months: 3, seed: 3))
            .write(to: directory)
        let rows = summary.rows(ofKind: "usage")
        #expect(rows >= 5_400 && rows <= 6_600, "got \(rows), expected about 400 × 3 × 5 = 6000")
        #expect(summary.rows(ofKind: "users") <= 400 && summary.rows(ofKind: "users") >= 390)
    }

    @Test("about 5% of users pay, and the summary counts them")
    func payerShare() throws {
        let rows = try data.csv("payments.csv").records
        let charges = rows.filter { $0["kind"] == "charge" }
        var refundedIn: [String: Int] = [:]
        for refund in rows where refund["kind"] == "refund" { refundedIn[refund["refund_of"]!, default: 0] += 1 }
        let payers = Set(charges.map { $0["user_id"]! })
        let share = Double(payers.count) / 1_500
        #expect(share > 0.035 && share < 0.065, "payer share \(share)")
        // The summary leaves out payers whose every charge was fully refunded: at most a few.
        #expect(data.summary.payers <= payers.count && data.summary.payers >= payers.count - 5)
    }

    @Test("plans, intervals, currencies and money forms all occur")
    func paymentVariety() throws {
        let rows = try data.csv("payments.csv").records
        let charges = rows.filter { $0["kind"] == "charge" }
        #expect(Set(charges.map { $0["plan"]! }).isSuperset(of: ["pro", "team", "pro_annual", "credits"]))
        #expect(Set(charges.map { $0["interval"]! }) == ["month", "quarter", "year", "one_time"])
        #expect(Set(rows.map { $0["currency"]! }).isSuperset(of: ["USD", "EUR"]))
        let eur = rows.filter { $0["currency"] == "EUR" }
        #expect(eur.allSatisfy { $0["amount"]!.isEmpty && !$0["amount_minor"]!.isEmpty })
        #expect(charges.contains { $0["currency"] == "EUR" && $0["plan"] == "pro" && $0["amount_minor"] == "1900" })
        #expect(charges.contains { $0["currency"] == "USD" && $0["plan"] == "pro" && $0["amount"] == "20.00" })
        #expect(charges.contains { $0["currency"] == "USD" && $0["plan"] == "team" && $0["amount"] == "60.00" })
        #expect(charges.contains { $0["currency"] == "USD" && $0["plan"] == "pro_annual" && $0["amount"] == "200.00" })
        #expect(charges.contains { !$0["period_start"]!.isEmpty && $0["period_start"] != $0["occurred_at"] })
    }

    /// Subscription spans per user: (start, end, plan), end from period_end or start + interval (within the data
    /// the only month lengths that matter are computed by Foundation's calendar here).
    private func spans() throws -> [String: [(start: Int64, end: Int64, plan: String)]] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var result: [String: [(Int64, Int64, String)]] = [:]
        for row in try data.csv("payments.csv").records where row["kind"] == "charge" {
            let months = ["month": 1, "quarter": 3, "year": 12][row["interval"]!]
            guard let months else { continue }
            let start = Instant.micros(row["period_start"]!.isEmpty ? row["occurred_at"]! : row["period_start"]!)!
            var end: Int64
            if row["period_end"]!.isEmpty {
                let date = Date(timeIntervalSince1970: Double(start / 1_000_000))
                let later = calendar.date(byAdding: .month, value: months, to: date)!
                end = Int64(later.timeIntervalSince1970) * 1_000_000 + start % 1_000_000
            } else {
                end = Instant.micros(row["period_end"]!)!
            }
            result[row["user_id"]!, default: []].append((start, end, row["plan"]!))
        }
        return result.mapValues { $0.sorted { $0.0 < $1.0 } }
    }

    @Test("upgrades overlap, downgrades follow on, cancellations stop and reactivations resume after a gap")
    func lifecycles() throws {
        var upgrades = 0
        var downgrades = 0
        var renewals = 0
        var gaps = 0
        var stopped = 0
        let end = Instant.date(2026, 11, 1)
        for list in try spans().values {
            for (a, b) in zip(list, list.dropFirst()) {
                if a.plan == "pro" && b.plan == "team" && b.start < a.end { upgrades += 1 }
                if a.plan == "team" && b.plan == "pro" && b.start == a.end { downgrades += 1 }
                if a.plan == b.plan && b.start == a.end { renewals += 1 }
                if b.start > a.end { gaps += 1 }
            }
            if let last = list.last, last.end < end { stopped += 1 }
        }
        #expect(upgrades > 0)
        #expect(downgrades > 0)
        #expect(renewals > 10)
        #expect(gaps > 0, "a reactivation resumes after a gap")
        #expect(stopped > 0, "a cancelled subscription stops before the data ends")
    }

    @Test("some users never do anything, and usage per user is heavy-tailed")
    func userActivity() throws {
        let users = try data.csv("users.csv").column("user_id")
        var calls: [String: Int] = [:]
        for record in try data.usageRecords() { calls[record["user_id"]!, default: 0] += 1 }
        let idle = users.filter { calls[$0] == nil }
        #expect(idle.count >= 30, "dormant users: \(idle.count)")
        let sorted = calls.values.sorted(by: >)
        let top = sorted.prefix(sorted.count / 20).reduce(0, +)
        let total = sorted.reduce(0, +)
        // The top 5% of active users make more than a fifth of the calls (uniform usage would give 5%).
        #expect(Double(top) / Double(total) > 0.2)
        let channels = Set(try data.csv("users.csv").column("channel"))
        #expect(channels == ["organic", "ads", "referral", "partner"])
        let signups = try data.csv("users.csv").column("signed_up_at")
        #expect(signups.contains { $0.count == 10 }, "some signups are bare dates")
    }

    @Test("the price table changes once, mid-period, for some models")
    func priceChange() throws {
        let rows = try data.csv("model_prices.csv").records
        let byModel = Dictionary(grouping: rows) { $0["model"]! }
        #expect(byModel.count == 4)
        #expect(byModel.values.filter { $0.count == 2 }.count == 2)
        let changes = Set(rows.map { $0["effective_from"]! }).subtracting(["2025-01-01"])
        #expect(changes == ["2026-08-01"])
        #expect(rows.contains { $0["cached_input_per_mtok"]!.isEmpty })
    }
}
