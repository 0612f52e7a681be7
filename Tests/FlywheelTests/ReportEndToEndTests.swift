import FlywheelTestSupport
import Foundation
import Ingest
import Postgres
import Report
import Testing

@testable import Flywheel

/// The report as a product manager gets it: files → ingest → compute → report, against the live server.
@Suite("Report end to end against the live server", .enabled(if: TestDatabase.isAvailable))
struct ReportEndToEndTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    func render(_ connection: Connection, month: String? = nil) throws -> (markdown: String, json: String) {
        let loader = ReportDataLoader(connection: connection, settings: Settings())
        let data = try loader.load(
            month: try loader.reportMonth(month), generatedAt: Date(timeIntervalSince1970: 1_796_000_000))
        return (ReportRenderer().markdown(data), String(decoding: try ReportRenderer().json(data), as: UTF8.self))
    }

    /// Golden files of the sample data's report; `FLYWHEEL_UPDATE_GOLDEN=1` rewrites them (review the diff).
    @Test func sampleDataReportMatchesTheGoldenFiles() throws {
        try TestDatabase.withConnection { connection in
            try Migrator().migrate(connection)
            let files = try InputFiles.collect([Self.root.appendingPathComponent("sample-data").path])
            let results = try Ingestion(connection: connection, settings: Settings()).load(files, kind: nil)
            #expect(results.allSatisfy { $0.status == .loaded && $0.rowsQuarantined == 0 })
            let outcome = try Computation(connection: connection, settings: Settings()).run(asOf: nil)
            #expect(outcome.warnings.isEmpty)
            let report = try render(connection)
            let markdownURL = Self.golden.appendingPathComponent("sample-2026-10.md")
            let jsonURL = Self.golden.appendingPathComponent("sample-2026-10.json")
            if ProcessInfo.processInfo.environment["FLYWHEEL_UPDATE_GOLDEN"] == "1" {
                try FileManager.default.createDirectory(at: Self.golden, withIntermediateDirectories: true)
                try report.markdown.write(to: markdownURL, atomically: true, encoding: .utf8)
                try report.json.write(to: jsonURL, atomically: true, encoding: .utf8)
            }
            #expect(report.markdown == (try String(contentsOf: markdownURL, encoding: .utf8)))
            #expect(report.json == (try String(contentsOf: jsonURL, encoding: .utf8)))
        }
    }

    static let hostileNames = [
        "[x](javascript:alert(1))", "| pipes |", "```", "<img src=x>", "%%{init: {'theme':'dark'}}%%",
        "\"]; click A call evil()", "\u{202E}evil\u{202C}", "![i](http://e/x.png)", "<script>alert(1)</script>",
        "a_b*c`d", "# heading", "-->|x| B", "https://example.com", "user@example.com", "&lt;b&gt;",
    ]

    @Test func hostileNamesFromDataCannotBreakTheReport() throws {
        try TestDatabase.withConnection { connection in
            try Migrator().migrate(connection)
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
                "fw-hostile-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            func csv(_ value: String) -> String { "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
            var usage = "event_id,user_id,occurred_at,feature,model,input_tokens,output_tokens,cost\n"
            var payments = "payment_id,user_id,occurred_at,kind,amount,currency,plan,interval\n"
            for (index, name) in Self.hostileNames.enumerated() {
                for day in 1...3 {
                    usage +=
                        "e\(index)-\(day),u\(index),2026-01-0\(day)T10:00:00Z,\(csv(name)),\(csv(name)),10,10,0.5\n"
                    usage += "f\(index)-\(day),free\(index),2026-01-0\(day)T10:00:00Z,\(csv(name)),m,10,10,0.25\n"
                }
                payments += "p\(index),u\(index),2026-01-01T00:00:00Z,charge,1,USD,\(csv(name)),one_time\n"
            }
            // Names ingest must refuse: a newline and 500 characters are quarantined as bad_text.
            usage += "bad1,u0,2026-01-02T10:00:00Z,\"two\nlines\",m,1,1,0\n"
            usage += "bad2,u0,2026-01-02T10:00:00Z,\(String(repeating: "x", count: 500)),m,1,1,0\n"
            try usage.write(to: folder.appendingPathComponent("usage.csv"), atomically: true, encoding: .utf8)
            try payments.write(to: folder.appendingPathComponent("payments.csv"), atomically: true, encoding: .utf8)
            let results = try Ingestion(connection: connection, settings: Settings())
                .load(try InputFiles.collect([folder.path]), kind: nil)
            let usageResult = try #require(results.first { $0.kind == .usage })
            #expect(usageResult.rowsQuarantined == 2)
            #expect(
                try connection.scalar(Int.self, "select count(*) from ingest.quarantine where reason = 'bad_text'") == 2
            )
            _ = try Computation(connection: connection, settings: Settings()).run(asOf: nil)
            #expect(
                try connection.scalar(Int.self, "select count(*) from flywheel.feature_economics")
                    == Self.hostileNames.count)
            let markdown = try render(connection, month: "2026-01").markdown

            // Every feature and plan row made it into the report, escaped.
            // Data may show up as text inside quoted labels, never as a statement, directive or HTML.
            for block in mermaidBlocks(markdown) {
                let lines = block.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                #expect(!lines.contains { $0.hasPrefix("click") || $0.hasPrefix("%%") })
                #expect(!block.contains("%%{init"))
                #expect(!block.contains("<img") && !block.contains("<script"))
            }
            let cmark = ["/usr/bin/cmark-gfm", "/usr/local/bin/cmark-gfm"].first {
                FileManager.default.isExecutableFile(atPath: $0)
            }
            guard let cmark else {
                if ProcessInfo.processInfo.environment["CI"] != nil { Issue.record("cmark-gfm is missing in CI") }
                print("note: cmark-gfm not installed (apt-get install cmark-gfm): Markdown rendering not checked")
                return
            }
            let html = try renderHTML(markdown, cmark: cmark)
            #expect(!html.contains("<a "))
            #expect(!html.contains("<img"))
            #expect(!html.contains("<script"))
            #expect(!html.contains("\u{202E}"))
            // Tables keep their shape: every row of a table has as many cells as its header.
            for table in html.components(separatedBy: "<table>").dropFirst() {
                let body = table.components(separatedBy: "</table>")[0]
                let rows = body.components(separatedBy: "<tr>").dropFirst()
                let widths = Set(
                    rows.map { $0.components(separatedBy: "<td").count + $0.components(separatedBy: "<th").count - 2 })
                #expect(widths.count == 1, "a table row has a different number of cells: \(widths)")
            }
            let path = folder.appendingPathComponent("hostile.md")
            try markdown.write(to: path, atomically: true, encoding: .utf8)
            try checkMermaid(path)
        }
    }

    func mermaidBlocks(_ markdown: String) -> [String] {
        markdown.components(separatedBy: "```mermaid").dropFirst().map { $0.components(separatedBy: "```")[0] }
    }

    func renderHTML(_ markdown: String, cmark: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: cmark)
        process.arguments = ["--unsafe", "--extension", "table", "--extension", "autolink"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(markdown.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// Parses every Mermaid block with the real Mermaid library (scripts/check-report, PyPI mermaidx).
    func checkMermaid(_ path: URL) throws {
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = ["python3", "-c", "import mermaidx"]
        probe.standardError = FileHandle.nullDevice
        try probe.run()
        probe.waitUntilExit()
        guard probe.terminationStatus == 0 else {
            print("note: mermaidx not installed (pip install mermaidx): Mermaid blocks not parsed")
            return
        }
        let check = Process()
        check.executableURL = Self.root.appendingPathComponent("scripts/check-report")
        check.arguments = [path.path]
        check.standardOutput = FileHandle.nullDevice
        try check.run()
        check.waitUntilExit()
        #expect(check.terminationStatus == 0, "scripts/check-report found a Mermaid block that does not parse")
    }
}
