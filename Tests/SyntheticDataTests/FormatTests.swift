import Foundation
import Testing
import SyntheticData

@Suite("File formats")
struct FormatTests {
    let data = GeneratedDataset.shared

    @Test("the files of a six-month set are the ones expected, each with its kind")
    func layout() {
        let names = data.summary.files.map(\.name)
        var expected = ["features.csv", "model_prices.csv", "fx_rates.csv", "users.csv", "payments.csv"]
        for month in ["2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10"] {
            expected += ["usage-\(month).csv", "feedback-\(month).jsonl"]
        }
        #expect(names == expected)
        for file in data.summary.files {
            // The kind is the name up to the first "-" or ".".
            let kind = file.name.prefix { $0 != "-" && $0 != "." }
            #expect(file.kind == String(kind))
        }
    }

    @Test(
        "every CSV parses with its header and the summary's row count",
        arguments: [
            ("users.csv", ["user_id", "signed_up_at", "channel", "country"]),
            ("features.csv", ["feature", "display_name", "value_per_call"]),
            (
                "model_prices.csv",
                ["model", "effective_from", "input_per_mtok", "output_per_mtok", "cached_input_per_mtok", "currency"]
            ),
            ("fx_rates.csv", ["currency", "date", "rate"]),
            (
                "payments.csv",
                [
                    "payment_id", "user_id", "occurred_at", "kind", "amount", "amount_minor", "currency", "plan",
                    "interval", "period_start", "period_end", "refund_of",
                ]
            ),
            (
                "usage-2026-07.csv",
                [
                    "event_id", "user_id", "occurred_at", "feature", "model", "input_tokens", "output_tokens",
                    "cached_input_tokens", "cost", "cost_currency",
                ]
            ),
        ])
    func csvHeaders(name: String, header: [String]) throws {
        let table = try data.csv(name)
        #expect(table.header == header)
        let summaryRows = data.summary.files.first { $0.name == name }?.rows
        #expect(table.rows.count == summaryRows)
        #expect(table.rows.count > 0)
    }

    @Test("features.csv is a spreadsheet export: BOM, CRLF, quoted display names")
    func featuresFile() throws {
        let table = try data.csv("features.csv")
        #expect(table.hadByteOrderMark)
        #expect(table.usedCRLF)
        let names = Dictionary(uniqueKeysWithValues: table.rows.map { ($0[0], $0[1]) })
        #expect(names["search"] == "Search, web & docs")
        #expect(names["rewrite"] == "Rewrite (\"polish\")")
        #expect(names["voice_transcribe"] == "Voice → text")
        #expect(table.rows.count == 10)
        // One feature has no value per call (its column is empty).
        #expect(table.column("value_per_call").filter(\.isEmpty).count == 1)
        let raw = try String(contentsOf: data.url("features.csv"), encoding: .utf8)
        #expect(raw.contains("\"Rewrite (\"\"polish\"\")\""))
    }

    @Test("every month's usage file has the same header; every timestamp parses and lies in the data's months")
    func usageTimestamps() throws {
        let start = Instant.date(2026, 5, 1)
        let end = Instant.date(2026, 11, 1)
        var offsets = 0
        var fractions = 0
        for record in try data.usageRecords() {
            let text = record["occurred_at"]!
            let instant = try #require(Instant.micros(text), "bad timestamp \(text)")
            #expect(instant >= start && instant < end)
            if text.hasSuffix(":00") && !text.hasSuffix("+00:00") { offsets += 1 }
            if text.contains(".") { fractions += 1 }
        }
        #expect(offsets > 0, "some timestamps carry a non-zero offset")
        #expect(fractions > 0, "some timestamps carry fractions of a second")
    }

    @Test("every feedback line is a JSON object with the required fields and a valid rating")
    func feedbackLines() throws {
        let objects = try data.feedbackObjects()
        #expect(objects.count == data.summary.rows(ofKind: "feedback"))
        #expect(objects.count > 100)
        var thumbs = 0
        var stringNumbers = 0
        var comments = 0
        var nulls = 0
        for object in objects {
            for key in ["event_id", "user_id", "occurred_at", "feature"] {
                #expect(object[key] is String, "\(key) missing in \(object)")
            }
            #expect(Instant.micros(object["occurred_at"] as? String ?? "") != nil)
            switch object["rating"] {
            case let number as NSNumber where !(object["rating"] is String):
                #expect((1...5).contains(number.intValue) && number.doubleValue == Double(number.intValue))
            case let text as String:
                if text == "up" || text == "down" {
                    thumbs += 1
                } else {
                    stringNumbers += 1
                    #expect(["1", "2", "3", "4", "5"].contains(text))
                }
            default:
                Issue.record("rating missing or of the wrong type in \(object)")
            }
            if object["comment"] is String { comments += 1 }
            if object["comment"] is NSNull { nulls += 1 }
        }
        #expect(thumbs > 0 && stringNumbers > 0 && comments > 0 && nulls > 0)
    }

    @Test("comments with quotes, commas, line breaks and backslashes survive JSON escaping")
    func commentEscaping() throws {
        let comments = Set(try data.feedbackObjects().compactMap { $0["comment"] as? String })
        #expect(
            comments.contains("Fine.\nCould be shorter") || comments.contains("Too slow, \"thinking\" forever")
                || comments.contains("Did not understand the path C:\\Users\\me\\notes.txt"))
        // Every line is one object: no raw line break inside a line.
        for name in data.files(prefix: "feedback-") {
            let text = try String(contentsOf: data.url(name), encoding: .utf8)
            for line in text.split(separator: "\n") {
                #expect(line.hasPrefix("{\"event_id\":") && line.hasSuffix("}"))
            }
        }
    }

    @Test("money and prices are plain decimals: no exponent, no float noise")
    func decimals() throws {
        let decimal = try NSRegularExpression(pattern: #"^\d+(\.\d{1,6})?$"#)
        func isDecimal(_ text: String) -> Bool {
            decimal.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
        }
        let payments = try data.csv("payments.csv").records
        for row in payments {
            let amount = row["amount"]!
            let minor = row["amount_minor"]!
            #expect(amount.isEmpty != minor.isEmpty, "exactly one of amount and amount_minor")
            if !amount.isEmpty {
                #expect(isDecimal(amount))
                #expect(amount.split(separator: ".").dropFirst().first.map { $0.count <= 2 } ?? true)
            } else {
                #expect(Int64(minor) != nil)
            }
        }
        for row in try data.csv("model_prices.csv").records {
            for key in ["input_per_mtok", "output_per_mtok"] { #expect(isDecimal(row[key]!)) }
            #expect(row["cached_input_per_mtok"]!.isEmpty || isDecimal(row["cached_input_per_mtok"]!))
        }
        for rate in try data.csv("fx_rates.csv").column("rate") { #expect(isDecimal(rate)) }
        var provided = 0
        for record in try data.usageRecords() where !record["cost"]!.isEmpty {
            provided += 1
            #expect(isDecimal(record["cost"]!))
            #expect(["", "USD", "EUR"].contains(record["cost_currency"]!))
        }
        #expect(provided > 0, "a handful of usage rows carry a provided cost")
    }
}
