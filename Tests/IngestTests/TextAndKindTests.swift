import Testing

@testable import Ingest

let feedbackHeader = "event_id,user_id,occurred_at,feature,rating,comment\n"

@Suite("Field rules: text, ratings and reference kinds")
struct TextAndKindTests {
    func rating(_ value: String) throws -> (String?, Rejection?) {
        let (_, batch) = try read(feedbackHeader + "f1,u1,2026-01-01T00:00:00Z,chat,\(value),\n", file: "feedback.csv")
        return (copyLines(batch).first?.split(separator: "\t").map(String.init)[4], batch.rejections.first)
    }

    @Test func ratings() throws {
        #expect(try rating("0").1?.reason == .outOfRange)
        #expect(try rating("6").1?.reason == .outOfRange)
        #expect(try rating("up").0 == "5")
        #expect(try rating("Down").0 == "1")
        #expect(try rating("3").0 == "3")
        #expect(try rating("great").1?.reason == .badEnum)
        #expect(try rating("2.5").1?.reason == .badNumber)
        #expect(try rating("").1?.reason == .missingField)
    }

    @Test func textLongerThan200CharactersIsBadText() throws {
        let long = String(repeating: "é", count: 201)
        let (_, batch) = try read(
            "feature\n\(String(repeating: "f", count: 300))\n\(long)\n"
                + "\(String(repeating: "é", count: 200))\n", file: "features.csv")
        #expect(batch.rejections.map(\.reason) == [.badText, .badText])
        #expect(batch.rejections.map(\.field) == ["feature", "feature"])
        #expect(batch.rowCount == 1)
    }

    @Test func namesAreNFCNormalised() throws {
        let nfd = "Cafe\u{301}"  // e + combining acute
        let nfc = "Caf\u{E9}"
        let (_, batch) = try read("feature\n\(nfd)\n \(nfc) \n", file: "features.csv")
        let lines = copyLines(batch)
        #expect(lines.count == 2)
        #expect(Array(lines[0].utf8) == Array("Caf\u{E9}\t\\N\t\\N\t2".utf8))
        #expect(Array(lines[1].utf8) == Array("Caf\u{E9}\t\\N\t\\N\t3".utf8))
    }

    @Test func controlCharactersAreBadText() throws {
        let (_, batch) = try read(
            "feature,display_name\n\"a\tb\",x\nc,\"two\nlines\"\nd,\u{7F}\n", file: "features.csv")
        #expect(batch.rejections.map(\.reason) == [.badText, .badText, .badText])
        #expect(batch.rejections.map(\.field) == ["feature", "display_name", "display_name"])
        #expect(batch.rejections.map(\.lineNumber) == [2, 3, 5])
    }

    @Test func commentsKeepLineBreaksAndBackslashesAreEscaped() throws {
        let text = feedbackHeader + "f1,u1,2026-01-01T00:00:00Z,a\\b,1,\"tab\there\r\nnext \\N\"\n"
        let (_, batch) = try read(text, file: "feedback.csv")
        #expect(
            copyLines(batch) == [
                "f1\tu1\t2026-01-01 00:00:00.000000+00:00\ta\\\\b\t1\ttab\\there\\r\\nnext \\\\N\t2"
            ])
    }

    @Test func modelPricesDefaults() throws {
        let text =
            "model,effective_from,input_per_mtok,output_per_mtok,cached_input_per_mtok,currency\n"
            + "gpt-x,2026-01-01,2.50,10,,\n" + "gpt-y,2026-01-01T00:00:00Z,3,15,0.3,EUR\n"
        let (_, batch) = try read(text, file: "model_prices.csv")
        #expect(
            copyLines(batch) == [
                "gpt-x\t2026-01-01 00:00:00\t2.50\t10\t2.50\tUSD\t2",
                "gpt-y\t2026-01-01 00:00:00.000000+00:00\t3\t15\t0.3\tEUR\t3",
            ])
    }

    @Test func fxRatesMustBePositive() throws {
        let text = "currency,date,rate\nEUR,2026-01-01,1.08\nGBP,2026-01-01,0\nJPY,2026-01-01,-1\n"
        let (_, batch) = try read(text, file: "fx_rates.csv")
        #expect(copyLines(batch) == ["EUR\t2026-01-01 00:00:00\t1.08\t2"])
        #expect(batch.rejections.map(\.reason) == [.outOfRange, .outOfRange])
        #expect(batch.rejections.map(\.field) == ["rate", "rate"])
    }

    @Test func featuresWithDisplayNamesAndValues() throws {
        let text = "feature,display_name,value_per_call\nchat, Chat assistant ,0.02\nsearch,,\nx,y,-1\n"
        let (_, batch) = try read(text, file: "features.csv")
        #expect(copyLines(batch) == ["chat\tChat assistant\t0.02\t2", "search\t\\N\t\\N\t3"])
        #expect(batch.rejections.first?.reason == .outOfRange)
    }
}
