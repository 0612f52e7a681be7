import Testing

@testable import Ingest

/// Reads `text` as a file named `file` and returns the reader and everything it produced.
func read(
    _ text: String, file: String, options: IngestOptions = IngestOptions()
) throws -> (IngestFileReader, CopyBatch) {
    try read(bytes: Array(text.utf8), file: file, options: options)
}

func read(bytes: [UInt8], file: String, options: IngestOptions = IngestOptions()) throws -> (
    IngestFileReader, CopyBatch
) {
    let reader = try IngestFileReader(bytes: bytes, fileName: file, options: options)
    let batch = try reader.readAll()
    return (reader, batch)
}

/// The COPY lines of a batch, without their trailing newline.
func copyLines(_ batch: CopyBatch) -> [String] {
    String(decoding: batch.data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        .dropLast().map(String.init)
}

let usageHeader =
    "event_id,user_id,occurred_at,feature,model,input_tokens,output_tokens,cached_input_tokens,cost,cost_currency\n"

/// A usage file with one data row (line 2); returns the one outcome.
func usageRow(_ row: String, options: IngestOptions = IngestOptions()) throws -> (line: String?, rejection: Rejection?)
{
    let (_, batch) = try read(usageHeader + row + "\n", file: "usage.csv", options: options)
    #expect(batch.rowsRead == 1)
    return (copyLines(batch).first, batch.rejections.first)
}

/// Fields of usage where only `occurred_at` varies.
func usageWithTime(_ time: String, options: IngestOptions = IngestOptions()) throws -> (String?, Rejection?) {
    let r = try usageRow("e1,u1,\(time),chat,m1,10,5,,,", options: options)
    return (r.line?.split(separator: "\t").map(String.init)[2], r.rejection)
}

/// Fields of usage where only `input_tokens` varies (quoted to allow commas).
func usageWithInput(_ value: String) throws -> (String?, Rejection?) {
    let r = try usageRow("e1,u1,2026-01-01T00:00:00Z,chat,m1,\"\(value)\",5,0,,")
    return (r.line?.split(separator: "\t").map(String.init)[5], r.rejection)
}
