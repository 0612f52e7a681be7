import Foundation
import Testing
import SyntheticData

@Suite("Referential sanity")
struct ReferentialTests {
    let data = GeneratedDataset.shared

    @Test("every refund names an earlier charge of the same user, in its currency, for no more than it")
    func refunds() throws {
        let rows = try data.csv("payments.csv").records
        let charges = Dictionary(
            uniqueKeysWithValues: rows.filter { $0["kind"] == "charge" }.map {
                ($0["payment_id"]!, $0)
            })
        func minor(_ row: [String: String]) -> Int64 {
            if let minor = Int64(row["amount_minor"]!) { return minor }
            // Every amount here has at most two decimals (JPY is always written as amount_minor).
            let parts = row["amount"]!.split(separator: ".")
            let whole = Int64(parts[0])! * 100
            guard parts.count == 2 else { return whole }
            return whole + Int64(parts[1].count == 1 ? String(parts[1]) + "0" : String(parts[1]))!
        }
        var refunded: [String: Int64] = [:]
        var full = 0
        var partial = 0
        for refund in rows where refund["kind"] == "refund" {
            let charge = try #require(charges[refund["refund_of"]!], "refund_of \(refund["refund_of"]!) unknown")
            #expect(charge["user_id"] == refund["user_id"])
            #expect(charge["currency"] == refund["currency"])
            #expect(Instant.micros(charge["occurred_at"]!)! < Instant.micros(refund["occurred_at"]!)!)
            #expect(refund["plan"]!.isEmpty && refund["interval"]!.isEmpty)
            refunded[refund["refund_of"]!, default: 0] += minor(refund)
            if minor(refund) == minor(charge) { full += 1 } else { partial += 1 }
        }
        for (id, amount) in refunded { #expect(amount <= minor(charges[id]!)) }
        #expect(full > 0 && partial > 0)
    }

    @Test("charges have a known interval and a valid service period; payment ids are unique")
    func periods() throws {
        let rows = try data.csv("payments.csv").records
        #expect(Set(rows.map { $0["payment_id"]! }).count == rows.count)
        for charge in rows where charge["kind"] == "charge" {
            let interval = charge["interval"]!
            #expect(["month", "quarter", "year", "one_time"].contains(interval))
            #expect(!charge["plan"]!.isEmpty)
            #expect(charge["refund_of"]!.isEmpty)
            let start = charge["period_start"]!
            let end = charge["period_end"]!
            #expect(start.isEmpty == end.isEmpty)
            if !start.isEmpty {
                #expect(interval != "one_time")
                let s = try #require(Instant.micros(start))
                let e = try #require(Instant.micros(end))
                #expect(e > s)
                // Written periods are one interval long: 28–31 days, about 3 months or a year.
                let days = (e - s) / 86_400_000_000
                switch interval {
                case "month": #expect((28...31).contains(days))
                case "quarter": #expect((89...92).contains(days))
                default: #expect((365...366).contains(days))
                }
                #expect(s <= Instant.micros(charge["occurred_at"]!)!)
            }
        }
    }

    @Test("token counts are whole numbers and cached input never exceeds input")
    func tokens() throws {
        var cachedRows = 0
        var emptyCached = 0
        for record in try data.usageRecords() {
            let input = try #require(Int64(record["input_tokens"]!))
            let output = try #require(Int64(record["output_tokens"]!))
            #expect(input >= 0 && output >= 0)
            let cachedText = record["cached_input_tokens"]!
            if cachedText.isEmpty {
                emptyCached += 1
                continue
            }
            let cached = try #require(Int64(cachedText))
            #expect(cached >= 0 && cached <= input)
            if cached > 0 { cachedRows += 1 }
        }
        #expect(cachedRows > 0 && emptyCached > 0)
    }

    @Test("usage and feedback name known users, features and models; event ids repeat only as exact re-sends")
    func eventReferences() throws {
        let users = Set(try data.csv("users.csv").column("user_id"))
        let features = Set(try data.csv("features.csv").column("feature"))
        let models = Set(try data.csv("model_prices.csv").column("model"))
        var seen: [String: [String: String]] = [:]
        var resent = 0
        var usageUsers = Set<String>()
        for record in try data.usageRecords() {
            #expect(features.contains(record["feature"]!))
            #expect(models.contains(record["model"]!))
            usageUsers.insert(record["user_id"]!)
            let id = record["event_id"]!
            if let first = seen[id] {
                resent += 1
                var a = first
                var b = record
                #expect(
                    Instant.micros(a.removeValue(forKey: "occurred_at")!)
                        == Instant.micros(b.removeValue(forKey: "occurred_at")!))
                #expect(a == b, "event \(id) repeated with other content")
            } else {
                seen[id] = record
            }
        }
        // Three rows of each month are re-sent at the top of the next month's file.
        #expect(resent == 3 * 5)
        // A few active users are missing from users.csv on purpose; nearly all are listed.
        let unlisted = usageUsers.subtracting(users)
        #expect(unlisted.count < usageUsers.count / 50)
        let feedback = try data.feedbackObjects()
        #expect(Set(feedback.map { $0["event_id"] as! String }).count == feedback.count)
        for object in feedback {
            #expect(features.contains(object["feature"] as! String))
            #expect(usageUsers.contains(object["user_id"] as! String), "feedback comes from users who made calls")
        }
    }

    @Test("every call has a price on its date and every foreign amount an FX rate on or before its date")
    func pricesAndRates() throws {
        var priced: [String: [Int64]] = [:]
        for row in try data.csv("model_prices.csv").records {
            priced[row["model"]!, default: []].append(Instant.micros(row["effective_from"]!)!)
        }
        var rates: [String: [Int64]] = [:]
        for row in try data.csv("fx_rates.csv").records {
            rates[row["currency"]!, default: []].append(Instant.micros(row["date"]!)!)
        }
        func hasRate(_ currency: String, at instant: Int64) -> Bool {
            currency == "USD" || currency.isEmpty || (rates[currency] ?? []).contains { $0 <= instant }
        }
        for record in try data.usageRecords() {
            let at = Instant.micros(record["occurred_at"]!)!
            #expect((priced[record["model"]!] ?? []).contains { $0 <= at })
            if !record["cost"]!.isEmpty { #expect(hasRate(record["cost_currency"]!, at: at)) }
        }
        for row in try data.csv("payments.csv").records {
            #expect(hasRate(row["currency"]!, at: Instant.micros(row["occurred_at"]!)!))
        }
        // Rates are for working days only: no Saturday or Sunday (2026-05-02 was a Saturday).
        let saturday = Instant.date(2026, 5, 2)
        for dates in rates.values {
            for date in dates {
                let weekday = ((date - saturday) / 86_400_000_000 % 7 + 7) % 7
                #expect(weekday != 0 && weekday != 1)
            }
        }
        #expect(Set(rates.keys) == ["EUR", "GBP", "JPY"])
    }
}
