/// A row that broke a rule, ready for `ingest.quarantine`.
public struct Rejection: Sendable, Equatable, CustomStringConvertible {
    /// 1-based physical line (CSV: the line the record starts on; the header is line 1).
    public var lineNumber: Int
    public var reason: RejectReason
    /// The offending field (column name), nil when the row as a whole is bad.
    public var field: String?
    public var message: String
    /// The raw record text: lossy UTF-8, NULs replaced by U+FFFD, capped (`IngestOptions.rawTextLimit`).
    public var raw: String

    public init(lineNumber: Int, reason: RejectReason, field: String?, message: String, raw: String) {
        self.lineNumber = lineNumber
        self.reason = reason
        self.field = field
        self.message = message
        self.raw = raw
    }

    public var description: String {
        "line \(lineNumber): \(reason.rawValue)\(field.map { " [\($0)]" } ?? ""): \(message)"
    }
}

/// A field-level failure inside validation (typed-throws payload; becomes a `Rejection`).
struct FieldError: Error {
    var reason: RejectReason
    var field: String?
    var message: String
}
