import Testing

@testable import Ingest

@Suite("CSV reading")
struct CSVReaderTests {
    @Test func rendersAUsageRowAsCopyText() throws {
        let (line, rejection) = try usageRow("e1,u1,2026-11-29T10:00:00Z,chat,gpt-x,100,50,20,0.0012,EUR")
        #expect(rejection == nil)
        #expect(line == "e1\tu1\t2026-11-29 10:00:00.000000+00:00\tchat\tgpt-x\t100\t50\t20\t0.0012\tEUR\t2")
    }

    @Test func appliesUsageDefaults() throws {
        let (line, _) = try usageRow("e1,u1,2026-11-29T10:00:00+01:00,chat,gpt-x,100,50,,,")
        #expect(line == "e1\tu1\t2026-11-29 10:00:00.000000+01:00\tchat\tgpt-x\t100\t50\t0\t\\N\tUSD\t2")
    }

    @Test func matchesColumnsByNameInAnyOrder() throws {
        let text = " user_id ,event_id,model,feature,occurred_at,output_tokens,input_tokens\nu9,e9,m,f,0,2,3\n"
        let (_, batch) = try read(text, file: "usage.csv")
        #expect(copyLines(batch) == ["e9\tu9\t1970-01-01 00:00:00.000000+00:00\tf\tm\t3\t2\t0\t\\N\tUSD\t2"])
    }

    @Test func raggedRowsAreMalformed() throws {
        let text =
            usageHeader + "e1,u1,2026-01-01T00:00:00Z,chat,m,1,1\n"
            + "e2,u1,2026-01-01T00:00:00Z,chat,m,1,1,0,,USD,extra\n" + "e3,u1,2026-01-01T00:00:00Z,chat,m,1,1,0,,\n"
        let (reader, batch) = try read(text, file: "usage.csv")
        #expect(batch.rejections.map(\.reason) == [.malformedRow, .malformedRow])
        #expect(batch.rejections.map(\.lineNumber) == [2, 3])
        #expect(batch.rejections[0].message == "expected 10 fields, found 7")
        #expect(batch.rejections[1].message == "expected 10 fields, found 11")
        #expect(batch.rejections[1].field == nil)
        #expect(batch.rejections[0].raw == "e1,u1,2026-01-01T00:00:00Z,chat,m,1,1")
        #expect(batch.rowCount == 1)
        #expect(copyLines(batch).first?.hasSuffix("\t4") == true)
        #expect(reader.rowsRead == 3 && reader.rowsValid == 1 && reader.rowsRejected == 2)
    }

    @Test func unterminatedQuoteAtEOFIsMalformed() throws {
        let text = "feature,display_name\nchat,Chat\nsearch,\"Search\nmore"
        let (_, batch) = try read(text, file: "features.csv")
        #expect(copyLines(batch) == ["chat\tChat\t\\N\t2"])
        #expect(batch.rejections.count == 1)
        #expect(batch.rejections[0].reason == .malformedRow)
        #expect(batch.rejections[0].lineNumber == 3)
        #expect(batch.rejections[0].message == "unterminated quoted field")
        #expect(batch.rejections[0].raw == "search,\"Search\nmore")
    }

    @Test func byteOrderMarkAndCRLF() throws {
        let text = "\u{FEFF}feature,value_per_call\r\nchat,0.5\r\nsearch,\"1\"\r\n"
        let (reader, batch) = try read(text, file: "features.csv")
        #expect(reader.columns == ["feature", "value_per_call"])
        #expect(copyLines(batch) == ["chat\t\\N\t0.5\t2", "search\t\\N\t1\t3"])
    }

    @Test func quotedNewlinesAndEscapedQuotes() throws {
        let text =
            "event_id,user_id,occurred_at,feature,rating,comment\n"
            + "f1,u1,2026-01-01T00:00:00Z,chat,up,\"line one\nsaid \"\"hi\"\"\"\n"
            + "f2,u1,2026-01-01T00:00:00Z,chat,2,\n"
        let (_, batch) = try read(text, file: "feedback.csv")
        #expect(
            copyLines(batch) == [
                "f1\tu1\t2026-01-01 00:00:00.000000+00:00\tchat\t5\tline one\\nsaid \"hi\"\t2",
                "f2\tu1\t2026-01-01 00:00:00.000000+00:00\tchat\t2\t\\N\t4",
            ])
    }

    @Test func invalidUTF8IsBadEncodingNamingTheColumn() throws {
        var bytes = Array("feature,display_name\nchat,Chat\nsearch,Se".utf8)
        bytes += [0xC3, 0x28]
        bytes += Array("rch\n".utf8)
        let (_, batch) = try read(bytes: bytes, file: "features.csv")
        #expect(batch.rowCount == 1)
        #expect(batch.rejections.count == 1)
        #expect(batch.rejections[0].reason == .badEncoding)
        #expect(batch.rejections[0].field == "display_name")
        #expect(batch.rejections[0].lineNumber == 3)
        #expect(batch.rejections[0].raw == "search,Se\u{FFFD}(rch")
    }

    @Test func nulByteIsBadEncoding() throws {
        let bytes = Array("feature,display_name\nch".utf8) + [0] + Array("at,Chat\n".utf8)
        let (_, batch) = try read(bytes: bytes, file: "features.csv")
        #expect(batch.rejections.count == 1)
        #expect(batch.rejections[0].reason == .badEncoding)
        #expect(batch.rejections[0].field == "feature")
        #expect(batch.rejections[0].message == "NUL byte")
        #expect(batch.rejections[0].raw == "ch\u{FFFD}at,Chat")
    }

    @Test func missingRequiredColumnRejectsTheFile() {
        let text = "event_id,user_id,occurred_at,feature,input_tokens\n"
        #expect(
            throws: IngestError.missingColumns(
                fileName: "usage.csv", kind: .usage, columns: ["model", "output_tokens"])
        ) {
            try read(text, file: "usage.csv")
        }
    }

    @Test func paymentsNeedAmountOrAmountMinor() {
        #expect(
            throws: IngestError.missingColumns(
                fileName: "payments.csv", kind: .payments, columns: ["amount or amount_minor"])
        ) {
            try read("payment_id,user_id,occurred_at,kind,currency\n", file: "payments.csv")
        }
    }

    @Test func duplicateKnownColumnRejectsTheFile() {
        #expect(throws: IngestError.duplicateColumns(fileName: "features.csv", columns: ["feature"])) {
            try read("feature,note,feature\n", file: "features.csv")
        }
    }

    @Test func unknownColumnsAreListedOnceAndIgnored() throws {
        let text = "feature,team,value_per_call,team, \nchat,core,0.5,x,y\n"
        let (reader, batch) = try read(text, file: "features.csv")
        #expect(reader.ignoredColumns == ["team"])
        #expect(copyLines(batch) == ["chat\t\\N\t0.5\t2"])
    }

    @Test func emptyFileHasNoHeader() {
        #expect(throws: IngestError.missingHeader(fileName: "features.csv")) {
            try read("", file: "features.csv")
        }
    }

    @Test func headerOnlyFileAndBlankLinesHaveNoRows() throws {
        let (reader, batch) = try read("feature\n", file: "features.csv")
        #expect(batch.rowsRead == 0 && reader.isFinished)
        let (_, blanks) = try read("feature\n\nchat\n\r\n\n", file: "features.csv")
        #expect(copyLines(blanks) == ["chat\t\\N\t\\N\t3"])
        #expect(blanks.rejections.isEmpty)
    }

    @Test func recordAboveTheSizeCapIsSkipped() throws {
        let options = IngestOptions(maxRecordBytes: 64, chunkBytes: 32, rawTextLimit: 20)
        let long = String(repeating: "x", count: 200)
        let text = "feature,display_name\nchat,\"\(long)\n\(long)\"\nsearch,Search\n"
        let (_, batch) = try read(text, file: "features.csv", options: options)
        #expect(batch.rejections.count == 1)
        #expect(batch.rejections[0].reason == .malformedRow)
        #expect(batch.rejections[0].message == "too long")
        #expect(batch.rejections[0].lineNumber == 2)
        #expect(batch.rejections[0].raw == "chat,\"" + String(repeating: "x", count: 14))
        #expect(copyLines(batch) == ["search\tSearch\t\\N\t4"])
    }

    @Test func recordsSpanningSmallChunksParseTheSame() throws {
        let options = IngestOptions(maxRecordBytes: 4096, chunkBytes: 16)
        let text =
            "feature,display_name,value_per_call\n"
            + (1...50).map { "f\($0),\"Name, \"\"\($0)\"\"\",\($0).5\n" }.joined()
        let (_, batch) = try read(text, file: "features.csv", options: options)
        #expect(batch.rowCount == 50)
        #expect(copyLines(batch)[49] == "f50\tName, \"50\"\t50.5\t51")
    }

    @Test func textAfterClosingQuoteIsMalformed() throws {
        let text = "feature,display_name\nchat,\"Chat\"x,\"a\nb\"\nsearch,S\n"
        let (_, batch) = try read(text, file: "features.csv")
        #expect(batch.rejections.map(\.reason) == [.malformedRow])
        #expect(batch.rejections[0].message == "unexpected character after a closing quote")
        #expect(copyLines(batch) == ["search\tS\t\\N\t4"])
    }

    @Test func emptyRequiredValueIsMissingField() throws {
        let (_, rejection) = try usageRow("e1,  ,2026-01-01T00:00:00Z,chat,m,1,1,,,")
        #expect(rejection?.reason == .missingField)
        #expect(rejection?.field == "user_id")
    }

    @Test func quoteInsideAnUnquotedFieldIsLiteral() throws {
        let (_, batch) = try read("feature,display_name\nscreen,27\" screen\n", file: "features.csv")
        #expect(copyLines(batch) == ["screen\t27\" screen\t\\N\t2"])
    }
}
