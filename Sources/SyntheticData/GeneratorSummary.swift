/// What `SyntheticDataGenerator.write(to:)` produced.
public struct GeneratorSummary: Sendable, Equatable {
    /// One written file: its name (no directory), its kind, data rows (header excluded) and size.
    public struct File: Sendable, Equatable {
        public let name: String
        public let kind: String
        public let rows: Int
        public let bytes: Int
    }

    /// In the order written.
    public let files: [File]
    public let users: Int
    /// Users with at least one charge that is not fully refunded.
    public let payers: Int
    public let firstMonth: YearMonth
    public let lastMonth: YearMonth

    public func rows(ofKind kind: String) -> Int {
        files.filter { $0.kind == kind }.reduce(0) { $0 + $1.rows }
    }

    public var totalBytes: Int { files.reduce(0) { $0 + $1.bytes } }

    /// A few lines for a terminal: one per file, then totals.
    public var text: String {
        var lines = files.map { "\($0.name): \($0.rows) rows, \($0.bytes) bytes" }
        lines.append(
            "\(files.count) files, \(totalBytes) bytes; \(users) users, \(payers) payers, "
                + "\(rows(ofKind: "usage")) usage rows, \(rows(ofKind: "feedback")) feedback events, "
                + "\(rows(ofKind: "payments")) payments; months \(firstMonth) to \(lastMonth)")
        return lines.joined(separator: "\n")
    }
}
