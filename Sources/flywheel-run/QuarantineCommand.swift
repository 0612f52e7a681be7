import ArgumentParser
import Flywheel
import Foundation
import Postgres

struct QuarantineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quarantine", abstract: "List or export quarantined rows to fix and ingest again.",
        subcommands: [List.self, Export.self], defaultSubcommand: List.self)

    struct Filter: ParsableArguments {
        @Option(help: "Only rows of this file name.")
        var file: String?
        @Option(help: "Only rows with this reason code (e.g. bad_timestamp).")
        var reason: String?

        func rows(_ connection: Connection, limit: Int?) throws -> [Row] {
            try connection.query(
                """
                select q.file_name, q.line_number, q.kind, q.reason, q.field, q.message, q.raw, l.status
                from ingest.quarantine q join ingest.loads l using (load_id)
                where ($1::text is null or q.file_name = $1) and ($2::text is null or q.reason = $2)
                order by q.load_id, q.line_number
                limit $3
                """, [file, reason, limit.map { Int64($0) } ?? Int64.max])
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List quarantined rows (newest loads last).")
        @OptionGroup var options: GlobalOptions
        @OptionGroup var filter: Filter
        @Option(help: "At most this many rows.") var limit = 100

        func run() throws {
            try CommandRunner.run {
                let session = try DatabaseSession.open(try options.settings())
                defer { session.close() }
                try Migrator().migrate(session.connection)
                let rows = try filter.rows(session.connection, limit: limit)
                if rows.isEmpty { print("no quarantined rows") }
                for row in rows {
                    let field = row["field"].map { " [\($0)]" } ?? ""
                    print(
                        "\(row["file_name"] ?? ""):\(row["line_number"] ?? "") \(row["reason"] ?? "")\(field): \(row["message"] ?? "")"
                    )
                }
                return .success
            }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export quarantined rows as CSV (file, line, kind, reason, field, message, raw).",
            discussion: "Cells starting with = + - @ are prefixed with ' so spreadsheets do not run them as formulas.")
        @OptionGroup var options: GlobalOptions
        @OptionGroup var filter: Filter
        @Option(help: "Write to this file instead of standard output.") var out: String?
        @Flag(
            help: """
                Write the quarantined lines as they were (after the file's CSV header), ready to fix and ingest \
                again under a new name. Needs --file.
                """)
        var raw = false

        /// Writes to `--out`, or to standard output.
        func emit(_ text: String) throws {
            if let out {
                try text.write(toFile: out, atomically: true, encoding: .utf8)
            } else {
                print(text, terminator: "")
            }
        }

        func run() throws {
            try CommandRunner.run {
                let session = try DatabaseSession.open(try options.settings())
                defer { session.close() }
                try Migrator().migrate(session.connection)
                if raw {
                    guard let file = filter.file else { throw CommandFailure(.usage, "--raw needs --file") }
                    let header = try session.connection.scalar(
                        String.self,
                        """
                        select header from ingest.loads l
                        where file_name = $1 and exists (select 1 from ingest.quarantine q where q.load_id = l.load_id)
                        order by load_id desc limit 1
                        """, [file])
                    var text = header.map { $0 + "\n" } ?? ""
                    for row in try filter.rows(session.connection, limit: nil) { text += (row["raw"] ?? "") + "\n" }
                    try emit(text)
                    return .success
                }
                var text = "file_name,line_number,kind,reason,field,message,raw\n"
                for row in try filter.rows(session.connection, limit: nil) {
                    let cells = ["file_name", "line_number", "kind", "reason", "field", "message", "raw"].map {
                        CSVCell.escape(row[$0] ?? "")
                    }
                    text += cells.joined(separator: ",") + "\n"
                }
                try emit(text)
                return .success
            }
        }
    }
}

/// CSV cell quoting with spreadsheet formula neutralisation.
enum CSVCell {
    static func escape(_ value: String) -> String {
        var cell = value
        if let first = cell.first, "=+-@\t\r".contains(first) { cell = "'" + cell }
        if cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            cell = "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return cell
    }
}
