import Testing

@testable import Ingest

@Suite("JSON Lines reading")
struct JSONLinesTests {
    @Test func readsObjectsWithStringsNumbersAndNulls() throws {
        let text = """
            {"event_id":"e1","user_id":42,"occurred_at":1764410400,"feature":"chat","model":"m","input_tokens":100,\
            "output_tokens":"50","cost":null,"region":"eu","cost_currency":"EUR"}
            {"event_id":"e2","user_id":"u2","occurred_at":"2026-11-29T10:00:00Z","feature":"chat","model":"m",\
            "input_tokens":1,"output_tokens":2,"cached_input_tokens":1,"cost":0.1, "tags":[1,{"a":[]}]}

            """
        let (reader, batch) = try read(text, file: "usage.jsonl")
        #expect(batch.rejections.isEmpty)
        #expect(
            copyLines(batch) == [
                "e1\t42\t2025-11-29 10:00:00.000000+00:00\tchat\tm\t100\t50\t0\t\\N\tEUR\t1",
                "e2\tu2\t2026-11-29 10:00:00.000000+00:00\tchat\tm\t1\t2\t1\t0.1\tUSD\t2",
            ])
        #expect(reader.ignoredColumns == ["region", "tags"])
    }

    @Test func nonJSONLineIsMalformed() throws {
        let text = "{\"feature\":\"chat\"}\nfeature=search\n{\"feature\": \"x\",}\n"
        let (_, batch) = try read(text, file: "features.jsonl")
        #expect(batch.rowCount == 1)
        #expect(batch.rejections.map(\.reason) == [.malformedRow, .malformedRow])
        #expect(batch.rejections.map(\.lineNumber) == [2, 3])
        #expect(batch.rejections[0].raw == "feature=search")
    }

    @Test func jsonArrayLineIsMalformed() throws {
        let (_, batch) = try read("[\"chat\", 0.5]\n", file: "features.jsonl")
        #expect(batch.rejections.first?.reason == .malformedRow)
        #expect(batch.rejections.first?.message == "a JSON array, not an object")
    }

    @Test func wrongJSONTypesAreRejectedByTheFieldsRule() throws {
        let base = #""event_id":"e1","user_id":"u1","feature":"chat","model":"m","output_tokens":1"#
        let text = """
            {\(base),"occurred_at":"2026-01-01T00:00:00Z","input_tokens":true}
            {"event_id":"e1","user_id":"u1","feature":["chat"],"model":"m","output_tokens":1,"input_tokens":1,\
            "occurred_at":"2026-01-01T00:00:00Z"}
            {\(base),"occurred_at":{"t":1},"input_tokens":1}
            {\(base),"occurred_at":"2026-01-01T00:00:00Z","input_tokens":1,"cost_currency":false}

            """
        let (_, batch) = try read(text, file: "usage.jsonl")
        #expect(batch.rejections.map(\.reason) == [.badNumber, .badText, .badTimestamp, .badCurrency])
        #expect(batch.rejections.map(\.field) == ["input_tokens", "feature", "occurred_at", "cost_currency"])
    }

    @Test func blankLinesAreSkippedAndLineNumbersArePhysical() throws {
        let text = "\n{\"feature\":\"a\"}\r\n   \n{\"feature\":\"b\"}"
        let (reader, batch) = try read(text, file: "features.ndjson")
        #expect(copyLines(batch) == ["a\t\\N\t\\N\t2", "b\t\\N\t\\N\t4"])
        #expect(reader.rowsRead == 2)
    }

    @Test func moneyNumbersKeepTheirDecimalText() throws {
        let text = """
            {"feature":"a","value_per_call":0.1}
            {"feature":"b","value_per_call":1e-05}
            {"feature":"c","value_per_call":2.50E+2}
            {"feature":"d","value_per_call":123456789012345678901234567890.000000000000000000001}

            """
        let (_, batch) = try read(text, file: "features.jsonl")
        #expect(
            copyLines(batch) == [
                "a\t\\N\t0.1\t1", "b\t\\N\t0.00001\t2", "c\t\\N\t250\t3",
                "d\t\\N\t123456789012345678901234567890.000000000000000000001\t4",
            ])
    }

    @Test func unicodeEscapesAndLoneSurrogates() throws {
        let text = #"{"feature":"caf\u00e9 \"x\" \\ \ud83d\ude00"}"# + "\n" + #"{"feature":"bad \ud800"}"# + "\n"
        let (_, batch) = try read(text, file: "features.jsonl")
        #expect(copyLines(batch) == ["café \"x\" \\\\ 😀\t\\N\t\\N\t1"])
        #expect(batch.rejections.first?.reason == .badEncoding)
        #expect(batch.rejections.first?.field == "feature")
    }

    @Test func duplicateKnownKeyIsMalformed() throws {
        let (_, batch) = try read(#"{"feature":"a","feature":"b"}"# + "\n", file: "features.jsonl")
        #expect(batch.rejections.first?.reason == .malformedRow)
        #expect(batch.rejections.first?.message == "duplicate key feature")
    }

    @Test func missingFieldInJSONIsPerRow() throws {
        let (_, batch) = try read(#"{"display_name":"Chat"}"# + "\n", file: "features.jsonl")
        #expect(batch.rejections.first?.reason == .missingField)
        #expect(batch.rejections.first?.field == "feature")
    }
}
