/// The syntax of an input file and whether it is gzip-compressed, from its name.
public struct FileFormat: Sendable, Hashable, CustomStringConvertible {
    public enum Syntax: String, Sendable {
        case csv
        case jsonLines = "jsonl"
    }

    public var syntax: Syntax
    public var gzip: Bool

    public init(syntax: Syntax, gzip: Bool) {
        self.syntax = syntax
        self.gzip = gzip
    }

    /// `.csv`, `.jsonl` or `.ndjson`, each optionally followed by `.gz` (case-insensitive). Any other
    /// extension is not guessed (nil): reading it would quarantine every row for a wrong reason, so the
    /// caller reports a clear file-level error (`IngestError.unsupportedFormat`) instead.
    public static func detect(fileName: String) -> FileFormat? {
        var name = String(decoding: baseName(fileName).utf8.map(asciiLower), as: UTF8.self)
        var gzip = false
        if name.hasSuffix(".gz") {
            gzip = true
            name.removeLast(3)
        }
        if name.hasSuffix(".csv") { return FileFormat(syntax: .csv, gzip: gzip) }
        if name.hasSuffix(".jsonl") || name.hasSuffix(".ndjson") { return FileFormat(syntax: .jsonLines, gzip: gzip) }
        return nil
    }

    public var description: String { syntax.rawValue + (gzip ? ".gz" : "") }
}
