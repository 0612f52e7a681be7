import Testing

@testable import Ingest

@Suite("Kind and format detection")
struct KindAndFormatTests {
    @Test func detectsKindsFromSpecExamples() {
        #expect(IngestKind.detect(fileName: "usage-2026-11-29.csv.gz") == .usage)
        #expect(IngestKind.detect(fileName: "model_prices.csv") == .modelPrices)
        #expect(IngestKind.detect(fileName: "fx_rates_eu.csv") == .fxRates)
        #expect(IngestKind.detect(fileName: "USERS.CSV") == .users)
        #expect(IngestKind.detect(fileName: "features") == .features)
        #expect(IngestKind.detect(fileName: "/inbox/2026/payments_nov.jsonl") == .payments)
        #expect(IngestKind.detect(fileName: "feedback.ndjson") == .feedback)
    }

    @Test func rejectsNamesWithoutSeparatorAfterKind() {
        #expect(IngestKind.detect(fileName: "usagex.csv") == nil)
        #expect(IngestKind.detect(fileName: "model.csv") == nil)
        #expect(IngestKind.detect(fileName: "user.csv") == nil)
        #expect(IngestKind.detect(fileName: "my-usage.csv") == nil)
    }

    @Test func ignoresFilesStillBeingWritten() {
        #expect(IngestKind.isIgnoredFileName(".usage.csv"))
        #expect(IngestKind.isIgnoredFileName("usage.csv.tmp"))
        #expect(IngestKind.isIgnoredFileName("usage.csv.part"))
        #expect(IngestKind.isIgnoredFileName("/in/usage.csv.PARTIAL"))
        #expect(!IngestKind.isIgnoredFileName("usage.csv"))
        #expect(!IngestKind.isIgnoredFileName("usage.partial.csv"))
    }

    @Test func detectsFormats() {
        #expect(FileFormat.detect(fileName: "usage.csv") == FileFormat(syntax: .csv, gzip: false))
        #expect(FileFormat.detect(fileName: "usage.CSV.GZ") == FileFormat(syntax: .csv, gzip: true))
        #expect(FileFormat.detect(fileName: "usage.jsonl") == FileFormat(syntax: .jsonLines, gzip: false))
        #expect(FileFormat.detect(fileName: "usage.ndjson.gz") == FileFormat(syntax: .jsonLines, gzip: true))
        #expect(FileFormat.detect(fileName: "usage.txt") == nil)
        #expect(FileFormat.detect(fileName: "usage.json") == nil)
    }

    @Test func unknownFormatAndKindAreFileErrors() {
        #expect(throws: IngestError.unsupportedFormat(fileName: "usage.tsv")) {
            try IngestFileReader(bytes: [], fileName: "usage.tsv")
        }
        #expect(throws: IngestError.unknownKind(fileName: "sales.csv")) {
            try IngestFileReader(bytes: [], fileName: "sales.csv")
        }
    }

    @Test func stagingColumnsEndWithLineNumber() {
        for kind in IngestKind.allCases { #expect(kind.stagingColumns.last == "line_number") }
        #expect(
            IngestKind.payments.stagingColumns == [
                "payment_id", "user_id", "occurred_at", "kind", "amount", "currency", "plan", "interval",
                "period_start", "period_end", "refund_of", "line_number",
            ])
        #expect(IngestKind.usage.optionalFields == ["cached_input_tokens", "cost", "cost_currency"])
    }
}
