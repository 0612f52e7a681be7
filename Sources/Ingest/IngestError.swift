/// A file-level failure: nothing of the file may be loaded. Bad rows are never errors (see `Rejection`).
public enum IngestError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No kind could be detected from the file name (a usage error: exit 2).
    case unknownKind(fileName: String)
    /// The extension is none of `.csv`, `.jsonl`, `.ndjson` (optionally `.gz`).
    case unsupportedFormat(fileName: String)
    /// A CSV file without a header row (empty file).
    case missingHeader(fileName: String)
    /// A CSV header row that cannot be parsed.
    case malformedHeader(fileName: String, detail: String)
    /// Required columns absent from the CSV header; an alternative group is named `amount or amount_minor`.
    case missingColumns(fileName: String, kind: IngestKind, columns: [String])
    /// A known column appears more than once in the CSV header (which one holds the value is ambiguous).
    case duplicateColumns(fileName: String, columns: [String])
    /// A truncated or corrupt gzip stream.
    case corruptGzip(fileName: String, detail: String)
    /// The file could not be opened or read.
    case io(fileName: String, detail: String)
    /// An `input_timezone` that cannot be written into COPY data (only letters, digits and `/_+-.:` allowed).
    case invalidTimeZone(String)

    public var description: String {
        switch self {
        case .unknownKind(let f):
            "\(f): unknown kind (file names start with one of "
                + IngestKind.allCases.map(\.rawValue).joined(separator: ", ") + "; or use --kind)"
        case .unsupportedFormat(let f): "\(f): unsupported format (expected .csv, .jsonl or .ndjson, optionally .gz)"
        case .missingHeader(let f): "\(f): empty file: a CSV file needs a header row"
        case .malformedHeader(let f, let d): "\(f): malformed header row (\(d))"
        case .missingColumns(let f, let k, let c):
            "\(f): missing required column\(c.count == 1 ? "" : "s") for \(k.rawValue): \(c.joined(separator: ", "))"
        case .duplicateColumns(let f, let c):
            "\(f): duplicate column\(c.count == 1 ? "" : "s"): \(c.joined(separator: ", "))"
        case .corruptGzip(let f, let d): "\(f): corrupt or truncated gzip data (\(d))"
        case .io(let f, let d): "\(f): \(d)"
        case .invalidTimeZone(let z): "invalid time zone name: \(z)"
        }
    }
}
